using System.Globalization;

namespace PerfSuite.Reporting.Comparison;

/// <summary>How the comparison reports print values, shared by Markdown, HTML and the GitHub annotations.</summary>
internal static class ComparisonFormat
{
    public static readonly double[] CurvePercentiles = [50, 75, 90, 95, 99, 99.9];

    public static string Label(ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.P50 => "p50",
        ComparisonMetric.P95 => "p95",
        ComparisonMetric.P99 => "p99",
        ComparisonMetric.ErrorRate => "error rate",
        _ => "throughput",
    };

    public static string Key(ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.ErrorRate => "error_rate",
        ComparisonMetric.Throughput => "throughput",
        _ => Label(metric),
    };

    public static string Verdict(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.NoChange => "no change",
        ComparisonVerdict.Regression => "REGRESSION",
        ComparisonVerdict.Improvement => "improvement",
        _ => "inconclusive",
    };

    public static string Value(ComparisonMetric metric, double value) =>
        !double.IsFinite(value) ? "–" : metric switch
        {
            ComparisonMetric.ErrorRate => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %",
            ComparisonMetric.Throughput => value.ToString("0.0", CultureInfo.InvariantCulture) + " req/s",
            _ => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        };

    public static string Delta(MetricComparison m) => double.IsFinite(m.Estimate) ? ComparisonStatistics.Format(m.Metric, m.Estimate) : "–";

    public static string Interval(MetricComparison m) =>
        m.Low is { } low && m.High is { } high ? $"[{ComparisonStatistics.Format(m.Metric, low)}, {ComparisonStatistics.Format(m.Metric, high)}]" : "unknown";

    public static string Headline(ComparisonResult result)
    {
        var regressions = result.Regressions.ToList();
        return regressions.Count == 0
            ? "No regression"
            : $"{regressions.Count} regression{(regressions.Count == 1 ? string.Empty : "s")}: " +
              string.Join("; ", regressions.Select(r => $"{r.Scope.Name} {Label(r.Metric.Metric)} {Delta(r.Metric)}"));
    }

    public static IEnumerable<string> Rows(ScopeComparison scope) =>
        scope.Metrics.Select(m =>
            $"| {Label(m.Metric)} | {Value(m.Metric, m.Baseline)} | {Value(m.Metric, m.Candidate)} | {Delta(m)} | {Interval(m)} | {Verdict(m.Verdict)} | {m.Reason} |");
}
