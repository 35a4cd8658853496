namespace PerfSuite.Reporting.Comparison;

/// <summary>One metric of one scope, baseline against candidate.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Baseline">Baseline value over all rounds pooled (ms, fraction for the error rate, req/s); <c>NaN</c> without data.</param>
/// <param name="Candidate">Candidate value over all rounds pooled, same unit.</param>
/// <param name="Estimate">Candidate/baseline ratio (error rate: candidate − baseline); <c>NaN</c> when undefined.</param>
/// <param name="Low">Lower bound of the 95 % interval of <paramref name="Estimate"/>; <c>null</c> when the spread is unknown.</param>
/// <param name="High">Upper bound of that interval; <c>null</c> when the spread is unknown.</param>
/// <param name="Tolerance">The tolerance applied (fraction, or absolute difference for the error rate).</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Reason">Why, in one sentence a reviewer reads.</param>
public sealed record MetricComparison(
    ComparisonMetric Metric, double Baseline, double Candidate, double Estimate, double? Low, double? High, double Tolerance,
    ComparisonVerdict Verdict, string Reason)
{
    /// <summary>The change in percent (ratio − 1, × 100) for ratio metrics; percentage points for the error rate.</summary>
    public double DeltaPercent => Metric == ComparisonMetric.ErrorRate ? Estimate * 100 : (Estimate - 1) * 100;
}
