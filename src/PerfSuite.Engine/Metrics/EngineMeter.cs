using System.Diagnostics.Metrics;

namespace PerfSuite.Engine.Metrics;

/// <summary>
/// The engine's live <see cref="Meter"/> (<see cref="Name"/>), for watching a run while it runs: dotnet-counters,
/// OpenTelemetry (OTLP), Prometheus. Verdicts never read it; they use the exact HdrHistograms of the summary.
/// Counts leave out warm-up users, like the report; the active-user count includes them.
/// Recording costs one <see cref="Instrument.Enabled"/> check when nothing listens, and allocates nothing when something does
/// (tag arrays are made once per endpoint).
/// </summary>
public static class EngineMeter
{
    /// <summary>The meter's name: <c>PerfSuite.Engine</c> (e.g. <c>dotnet-counters monitor --counters PerfSuite.Engine</c>).</summary>
    public const string Name = "PerfSuite.Engine";

    /// <summary>Attribute naming the scenario.</summary>
    public const string ScenarioTag = "perfsuite.scenario";

    /// <summary>Attribute naming the endpoint (a step's name, e.g. <c>GET /api/items</c>).</summary>
    public const string EndpointTag = "perfsuite.endpoint";

    /// <summary>Attribute naming the kind of error (<see cref="ErrorKinds.ToKey"/>, e.g. <c>timeout</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>
    /// Bucket boundaries, in seconds, of the latency histograms: 0.5 ms to 60 s, about 1.5x apart, so that a p99
    /// estimated from them is within one bucket of milliseconds-to-seconds latencies.
    /// </summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } =
    [
        0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2,
        0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 60,
    ];

    private static readonly Meter Meter = new(Name, typeof(EngineMeter).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Requests =
        Meter.CreateCounter<long>("perfsuite.requests", "{request}", "Requests sent (HTTP requests and Socket.IO operations), by scenario and endpoint.");

    internal static readonly Counter<long> FailedRequests =
        Meter.CreateCounter<long>("perfsuite.requests.failed", "{request}", "Requests that failed (an unexpected status or a transport error), by scenario and endpoint.");

    internal static readonly Counter<long> Errors =
        Meter.CreateCounter<long>("perfsuite.errors", "{error}", "Errors, by scenario, endpoint and error.type (the report's error kinds).");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "perfsuite.request.duration",
        "s",
        "Latency of requests, by scenario and endpoint.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    internal static readonly UpDownCounter<long> ActiveUsers =
        Meter.CreateUpDownCounter<long>("perfsuite.users.active", "{user}", "Virtual users running now (warm-up users included).");

    internal static readonly Counter<long> ArrivalsLaunched =
        Meter.CreateCounter<long>("perfsuite.arrivals.launched", "{arrival}", "Virtual users launched (arrivals and closed-model iterations), by scenario.");

    internal static readonly Counter<long> ArrivalsSkipped =
        Meter.CreateCounter<long>("perfsuite.arrivals.skipped", "{arrival}", "Arrivals skipped because the phase's maxVusers were running, by scenario.");

    internal static readonly Histogram<double> ArrivalLag = Meter.CreateHistogram(
        "perfsuite.arrival.lag",
        "s",
        "How late each arrival started against its plan (the load generator's health).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    /// <summary>Tags of one scenario, made once.</summary>
    internal static KeyValuePair<string, object?>[] ScenarioTags(string scenario) => [new(ScenarioTag, scenario)];

    /// <summary>Tags of one endpoint, made once.</summary>
    internal static KeyValuePair<string, object?>[] EndpointTags(string scenario, string endpoint) =>
        [new(ScenarioTag, scenario), new(EndpointTag, endpoint)];

    /// <summary>Tags of one endpoint for each error kind, made once.</summary>
    internal static KeyValuePair<string, object?>[][] ErrorTags(string scenario, string endpoint)
    {
        var tags = new KeyValuePair<string, object?>[ErrorKinds.Count][];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = [new(ScenarioTag, scenario), new(EndpointTag, endpoint), new(ErrorTypeTag, ErrorKinds.ToKey((ErrorKind)i))];
        }

        return tags;
    }
}
