namespace PerfSuite.Engine.Metrics;

/// <summary>One second of a run, for charts. Latency figures are of requests that completed in that second.</summary>
/// <param name="Second">Seconds since the start of the run (0-based).</param>
/// <param name="Arrivals">Arrivals due in this second (started or skipped).</param>
/// <param name="Skipped">Arrivals skipped because of the concurrency cap.</param>
/// <param name="ActiveUsers">Virtual users active at the end of the second.</param>
/// <param name="Requests">Requests completed in this second.</param>
/// <param name="Errors">Failed requests in this second.</param>
/// <param name="P50Ms">Median latency in milliseconds.</param>
/// <param name="P95Ms">95th percentile latency in milliseconds.</param>
/// <param name="P99Ms">99th percentile latency in milliseconds.</param>
public sealed record TimeSeriesPoint(
    int Second,
    long Arrivals,
    long Skipped,
    int ActiveUsers,
    long Requests,
    long Errors,
    double P50Ms,
    double P95Ms,
    double P99Ms)
{
    /// <summary>
    /// The second's latencies in microseconds as an encoded HdrHistogram (<see cref="LatencyHistograms.Encode"/>), so
    /// seconds of several shards add up exactly; <c>null</c> when no request completed in the second or when not
    /// recorded (a summary read back from <c>report.json</c> carries none; a shard's <c>hlog/series.hlog</c> holds them).
    /// </summary>
    public string? Latency { get; init; }
}
