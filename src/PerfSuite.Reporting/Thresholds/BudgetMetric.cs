namespace PerfSuite.Reporting.Thresholds;

/// <summary>A figure of a run that a budget can limit. Each has one unit and one direction (see <see cref="BudgetMetrics"/>).</summary>
public enum BudgetMetric
{
    /// <summary>Median latency, milliseconds, at most.</summary>
    P50,

    /// <summary>95th percentile latency, milliseconds, at most.</summary>
    P95,

    /// <summary>99th percentile latency, milliseconds, at most.</summary>
    P99,

    /// <summary>99.9th percentile latency, milliseconds, at most.</summary>
    P999,

    /// <summary>Maximum latency, milliseconds, at most.</summary>
    Max,

    /// <summary>Mean latency, milliseconds, at most.</summary>
    Mean,

    /// <summary>Failed requests / requests, a fraction 0..1, at most.</summary>
    ErrorRate,

    /// <summary>Requests per second over the measured duration, at least.</summary>
    MinThroughput,

    /// <summary>Arrivals skipped because the concurrency cap was reached, a count, at most. Scenario scope only.</summary>
    MaxSkippedArrivals,
}
