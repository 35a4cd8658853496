using System.Globalization;

namespace PerfSuite.Reporting.Thresholds;

/// <summary>Names, units and directions of <see cref="BudgetMetric"/> values, shared by messages, reports and the budgets file.</summary>
public static class BudgetMetrics
{
    /// <summary>The short label used in messages and tables, e.g. <c>p99.9</c>, <c>error rate</c>.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>A lower-case label.</returns>
    public static string Label(this BudgetMetric metric) => metric switch
    {
        BudgetMetric.P50 => "p50",
        BudgetMetric.P95 => "p95",
        BudgetMetric.P99 => "p99",
        BudgetMetric.P999 => "p99.9",
        BudgetMetric.Max => "max",
        BudgetMetric.Mean => "mean",
        BudgetMetric.ErrorRate => "error rate",
        BudgetMetric.MinThroughput => "throughput",
        BudgetMetric.MaxSkippedArrivals => "skipped arrivals",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>The key of the metric in <c>budgets.json</c>, e.g. <c>p999_ms</c>, <c>min_rps</c>.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>A snake_case key.</returns>
    public static string FileKey(this BudgetMetric metric) => metric switch
    {
        BudgetMetric.P50 => "p50_ms",
        BudgetMetric.P95 => "p95_ms",
        BudgetMetric.P99 => "p99_ms",
        BudgetMetric.P999 => "p999_ms",
        BudgetMetric.Max => "max_ms",
        BudgetMetric.Mean => "mean_ms",
        BudgetMetric.ErrorRate => "error_rate",
        BudgetMetric.MinThroughput => "min_rps",
        BudgetMetric.MaxSkippedArrivals => "max_skipped_arrivals",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>True when the actual value must be at least the budget (throughput); false when at most.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The direction of the comparison.</returns>
    public static bool IsLowerBound(this BudgetMetric metric) => metric == BudgetMetric.MinThroughput;

    /// <summary>True for the latency metrics (milliseconds).</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Whether the metric is a latency.</returns>
    public static bool IsLatency(this BudgetMetric metric) => metric is >= BudgetMetric.P50 and <= BudgetMetric.Mean;

    /// <summary>Formats a value of the metric with its unit, invariant culture, e.g. <c>812.3 ms</c>, <c>1.25 %</c>, <c>28.49 req/s</c>.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="value">The value in the metric's unit (error rate as a fraction).</param>
    /// <returns>Readable text.</returns>
    public static string Format(this BudgetMetric metric, double value) => metric switch
    {
        BudgetMetric.ErrorRate => (value * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %",
        BudgetMetric.MinThroughput => value.ToString("0.##", CultureInfo.InvariantCulture) + " req/s",
        BudgetMetric.MaxSkippedArrivals => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture) + " ms",
    };
}
