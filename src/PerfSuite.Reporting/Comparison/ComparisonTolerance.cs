namespace PerfSuite.Reporting.Comparison;

/// <summary>
/// How far a candidate may move before the change counts (docs/compare.md). A latency or throughput change counts when
/// the whole confidence interval of the candidate/baseline ratio lies beyond <c>1 ± fraction</c>; an error-rate change
/// when the whole interval of the difference lies beyond <see cref="ErrorRateDelta"/>.
/// </summary>
/// <param name="P95">Fraction for p95 (default 0.10: +10 %), &gt; 0.</param>
/// <param name="P50">Fraction for p50, &gt; 0.</param>
/// <param name="P99">Fraction for p99, &gt; 0.</param>
/// <param name="ErrorRateDelta">Absolute error-rate difference (0.01 = one percentage point), &gt; 0.</param>
/// <param name="Throughput">Fraction for requests per second, &gt; 0.</param>
public sealed record ComparisonTolerance(double P95 = 0.10, double P50 = 0.10, double P99 = 0.10, double ErrorRateDelta = 0.01, double Throughput = 0.10)
{
    /// <summary>The defaults: ±10 % on latency percentiles and throughput, ±1 percentage point on the error rate.</summary>
    public static ComparisonTolerance Default { get; } = new();

    /// <summary>The defaults with every latency percentile at <paramref name="fraction"/> (the <c>compare_tolerance</c> of budgets.json).</summary>
    /// <param name="fraction">Fraction, &gt; 0, e.g. 0.15 for ±15 %.</param>
    public static ComparisonTolerance ForLatency(double fraction) => new(fraction, fraction, fraction);

    /// <summary>The tolerance of <paramref name="metric"/>.</summary>
    /// <param name="metric">The metric.</param>
    public double For(ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.P50 => P50,
        ComparisonMetric.P95 => P95,
        ComparisonMetric.P99 => P99,
        ComparisonMetric.ErrorRate => ErrorRateDelta,
        _ => Throughput,
    };
}
