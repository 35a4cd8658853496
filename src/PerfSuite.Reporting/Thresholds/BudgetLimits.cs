namespace PerfSuite.Reporting.Thresholds;

/// <summary>
/// Limits for one scope (a whole scenario run or one endpoint). A <c>null</c> limit is not checked.
/// Latencies in milliseconds (positive), error rate as a fraction 0..1, throughput in requests per second (positive),
/// skipped arrivals as a count (0 or more; scenario scope only).
/// </summary>
/// <param name="P50Ms">Median latency must be at most this.</param>
/// <param name="P95Ms">95th percentile latency must be at most this.</param>
/// <param name="P99Ms">99th percentile latency must be at most this.</param>
/// <param name="P999Ms">99.9th percentile latency must be at most this.</param>
/// <param name="MaxMs">Maximum latency must be at most this.</param>
/// <param name="MeanMs">Mean latency must be at most this.</param>
/// <param name="ErrorRate">Failed requests / requests must be at most this.</param>
/// <param name="MinRequestsPerSecond">Requests per second must be at least this.</param>
/// <param name="MaxSkippedArrivals">Skipped arrivals must be at most this.</param>
public sealed record BudgetLimits(
    double? P50Ms = null,
    double? P95Ms = null,
    double? P99Ms = null,
    double? P999Ms = null,
    double? MaxMs = null,
    double? MeanMs = null,
    double? ErrorRate = null,
    double? MinRequestsPerSecond = null,
    long? MaxSkippedArrivals = null)
{
    /// <summary>Limits that check nothing.</summary>
    public static BudgetLimits None { get; } = new();

    /// <summary>The limits that are set, in <see cref="BudgetMetric"/> order.</summary>
    /// <returns>Pairs of metric and limit in the metric's unit.</returns>
    public IEnumerable<(BudgetMetric Metric, double Limit)> Set()
    {
        if (P50Ms is { } p50) { yield return (BudgetMetric.P50, p50); }
        if (P95Ms is { } p95) { yield return (BudgetMetric.P95, p95); }
        if (P99Ms is { } p99) { yield return (BudgetMetric.P99, p99); }
        if (P999Ms is { } p999) { yield return (BudgetMetric.P999, p999); }
        if (MaxMs is { } max) { yield return (BudgetMetric.Max, max); }
        if (MeanMs is { } mean) { yield return (BudgetMetric.Mean, mean); }
        if (ErrorRate is { } errorRate) { yield return (BudgetMetric.ErrorRate, errorRate); }
        if (MinRequestsPerSecond is { } rps) { yield return (BudgetMetric.MinThroughput, rps); }
        if (MaxSkippedArrivals is { } skipped) { yield return (BudgetMetric.MaxSkippedArrivals, skipped); }
    }
}
