namespace PerfSuite.Reporting.Comparison;

/// <summary>A figure compared between baseline and candidate.</summary>
public enum ComparisonMetric
{
    /// <summary>Median latency; compared as a candidate/baseline ratio.</summary>
    P50,

    /// <summary>95th percentile latency; compared as a ratio.</summary>
    P95,

    /// <summary>99th percentile latency; compared as a ratio.</summary>
    P99,

    /// <summary>Failed / all requests; compared as a difference (candidate − baseline), since a baseline is often 0.</summary>
    ErrorRate,

    /// <summary>Requests per second; compared as a ratio, lower is worse.</summary>
    Throughput,
}
