namespace PerfSuite.Engine.Load;

/// <summary>A snapshot of a run in progress, for a live line in the test output or a live view at a terminal.</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Launched">Virtual users (or closed-model iterations) started so far, warm-up excluded.</param>
/// <param name="Completed">Of those, finished without a failed step.</param>
/// <param name="RequestsPerSecond">Requests per second over the last interval.</param>
/// <param name="P95Ms">95th percentile latency over the last interval, in milliseconds.</param>
/// <param name="Errors">Failed requests over the last interval.</param>
/// <param name="ActiveUsers">Virtual users active now.</param>
public sealed record LoadProgress(TimeSpan Elapsed, long Launched, long Completed, double RequestsPerSecond, double P95Ms, long Errors, int ActiveUsers)
{
    /// <summary>The planned length of the run (every phase, warm-up included); zero when not known.</summary>
    public TimeSpan Planned { get; init; }

    /// <summary>The name of the phase running at <see cref="Elapsed"/>; null past the plan's end (the graceful stop) or when not known.</summary>
    public string? Phase { get; init; }

    /// <summary>Arrivals skipped so far because the phase's user cap was reached, warm-up excluded.</summary>
    public long Skipped { get; init; }

    /// <summary>Requests since the start (warm-up included, as the time series counts them).</summary>
    public long Requests { get; init; }

    /// <summary>Failed requests since the start (warm-up included, as the time series counts them).</summary>
    public long Failed { get; init; }

    /// <summary>95th percentile latency since the start, in milliseconds; 0 before the first response.</summary>
    public double P95SoFarMs { get; init; }

    /// <summary>
    /// Errors since the start by kind (kebab case, e.g. <c>timeout</c>, <c>unexpected-status</c>), warm-up excluded; a named
    /// error (a check, an exception type) counts under its kind. Only kinds seen; empty when none.
    /// </summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();
}
