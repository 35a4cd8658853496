namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Latency percentiles of one histogram, in milliseconds (recorded in microseconds, 3 significant digits).
/// All fields are zero when <see cref="Count"/> is zero.
/// </summary>
public sealed record LatencyStats(
    long Count,
    double MinMs,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs)
{
    /// <summary>Statistics of an empty histogram.</summary>
    public static LatencyStats Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
