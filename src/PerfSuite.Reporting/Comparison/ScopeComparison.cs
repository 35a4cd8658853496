namespace PerfSuite.Reporting.Comparison;

/// <summary>The comparison of one scope: the whole scenario or one endpoint.</summary>
/// <param name="Name">The scenario name, or the endpoint (<c>GET /api/v1/channels/</c>).</param>
/// <param name="IsScenario">True for the whole scenario, false for an endpoint.</param>
/// <param name="Metrics">One comparison per <see cref="ComparisonMetric"/>, in enum order.</param>
/// <param name="BaselineLatency">Every baseline latency of the scope, pooled over the rounds.</param>
/// <param name="CandidateLatency">Every candidate latency of the scope, pooled over the rounds.</param>
public sealed record ScopeComparison(
    string Name, bool IsScenario, IReadOnlyList<MetricComparison> Metrics, LatencySample BaselineLatency, LatencySample CandidateLatency)
{
    /// <summary>The metrics that regressed.</summary>
    public IEnumerable<MetricComparison> Regressions => Metrics.Where(m => m.Verdict == ComparisonVerdict.Regression);
}
