namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Everything a run measured; immutable. Reports and budgets read it; it knows neither.
/// Warm-up phases are excluded from every figure except <see cref="Phases"/> and <see cref="Series"/>.
/// </summary>
/// <param name="Name">Run name, e.g. <c>CSR – All / smoke</c>.</param>
/// <param name="StartedAt">Wall-clock start of the run.</param>
/// <param name="Duration">The measured window, warm-up excluded: the plan's length, or until the interrupt came; the time users took to finish after it is <see cref="RunSummary.Drain"/>, not measured.</param>
/// <param name="ScenariosLaunched">Virtual users started.</param>
/// <param name="ScenariosCompleted">Virtual users that finished their flow without a failed step.</param>
/// <param name="ScenariosFailed">Virtual users whose flow failed.</param>
/// <param name="SkippedArrivals">Arrivals skipped because the concurrency cap was reached.</param>
/// <param name="Requests">Protocol operations (HTTP requests and Socket.IO operations) completed or failed; custom steps are <see cref="CustomSteps"/>.</param>
/// <param name="FailedRequests">Failed requests: transport error, timeout, status ≥ 500, or an unexpected status the step declared.</param>
/// <param name="ErrorRate">FailedRequests / Requests (0 when there were no requests). The one definition reports and budgets use.</param>
/// <param name="RequestsPerSecond">Requests / Duration in seconds (the window, not the drain).</param>
/// <param name="Latency">Latency over all protocol operations (custom steps excluded).</param>
/// <param name="Codes">Response codes over all protocol operations (<c>0</c> for Socket.IO operations).</param>
/// <param name="Errors">Failures of protocol operations by kind (kebab-case <see cref="ErrorKind"/> names); a custom step's are <see cref="CustomStepErrors"/>.</param>
/// <param name="MessagesSent">Socket.IO messages sent.</param>
/// <param name="MessagesReceived">Socket.IO messages received.</param>
/// <param name="Scenarios">Per-scenario figures, in declaration order.</param>
/// <param name="Endpoints">Per-endpoint figures over all scenarios.</param>
/// <param name="Series">Per-second time series over the whole run, warm-up included.</param>
/// <param name="Generator">Load generator health.</param>
/// <param name="Phases">The phases as planned.</param>
/// <param name="Histogram">The overall latency histogram, HdrHistogram-encoded (compressed, base64).</param>
public sealed record RunSummary(
    string Name,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    long ScenariosLaunched,
    long ScenariosCompleted,
    long ScenariosFailed,
    long SkippedArrivals,
    long Requests,
    long FailedRequests,
    double ErrorRate,
    double RequestsPerSecond,
    LatencyStats Latency,
    IReadOnlyDictionary<string, long> Codes,
    IReadOnlyDictionary<string, long> Errors,
    long MessagesSent,
    long MessagesReceived,
    IReadOnlyList<ScenarioSummary> Scenarios,
    IReadOnlyList<EndpointSummary> Endpoints,
    IReadOnlyList<TimeSeriesPoint> Series,
    GeneratorHealth Generator,
    IReadOnlyList<PhaseSummary> Phases,
    string Histogram)
{
    /// <summary>
    /// True when the run was interrupted before its profile ended (the test was cancelled, the test host went away):
    /// the figures cover only the time until then, and no budget verdict may call the run a pass.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>Which shard of a split run this summary is; <see cref="Load.LoadShard.Whole"/> for a whole run.</summary>
    public Load.LoadShard Shard { get; init; } = Load.LoadShard.Whole;

    /// <summary>
    /// Requests the server dropped on a reused keep-alive connection before answering and that were sent once more on a
    /// new connection (only with <see cref="Load.LoadRunOptions.RetryDroppedRequests"/>; otherwise each drop is an error).
    /// </summary>
    public long RetriedRequests { get; init; }

    /// <summary>Custom steps (a user's lambda, endpoint kind <c>custom</c>) run, apart from <see cref="Requests"/>; each has its own row in <see cref="Endpoints"/>.</summary>
    public long CustomSteps { get; init; }

    /// <summary>Custom steps that threw or failed a check.</summary>
    public long FailedCustomSteps { get; init; }

    /// <summary>Failures of custom steps by kind (<c>step-failed</c>, <c>timeout</c>, <c>check:&lt;name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, long> CustomStepErrors { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// The time after the measured window until the last virtual user stopped: users finishing their flow after the plan
    /// ended (at most the graceful stop), or the grace in-flight users got after an interrupt. Not in <see cref="Duration"/>
    /// nor in the rates; the requests completed in it are counted.
    /// </summary>
    public TimeSpan Drain { get; init; }

    /// <summary>When the run was interrupted, counted from its start (warm-up included); null when it was not.</summary>
    public TimeSpan? InterruptedAfter { get; init; }

    /// <summary>The planned length of the profile, warm-up included (the sum of <see cref="Phases"/>).</summary>
    public TimeSpan PlannedDuration => Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
}
