namespace PerfSuite.Reporting.Thresholds;

/// <summary>
/// The budget of one scenario under one load profile: limits on the run's totals and, optionally, per endpoint.
/// Pure data, like a k6 <c>thresholds</c> block; <see cref="BudgetEvaluator"/> checks a run against it.
/// </summary>
/// <param name="Scenario">Scenario name, e.g. <c>CSR – Websockets</c>; used as the scope name of run-wide checks.</param>
/// <param name="Profile">Load profile name, e.g. <c>smoke</c>.</param>
/// <param name="Limits">Limits on the run's totals.</param>
/// <param name="Endpoints">Limits per endpoint, in file order; empty when none.</param>
public sealed record ScenarioBudget(string Scenario, string Profile, BudgetLimits Limits, IReadOnlyList<EndpointBudget> Endpoints)
{
    /// <summary>Creates a budget with run-wide limits only.</summary>
    /// <param name="scenario">Scenario name.</param>
    /// <param name="profile">Load profile name.</param>
    /// <param name="limits">Limits on the run's totals.</param>
    public ScenarioBudget(string scenario, string profile, BudgetLimits limits)
        : this(scenario, profile, limits, [])
    {
    }

    /// <summary>
    /// Tolerance of <c>perfsuite compare</c> on the latency percentiles (key <c>compare_tolerance</c>, a fraction: 0.1 = ±10 %);
    /// <c>null</c> for the default (docs/compare.md).
    /// </summary>
    public double? CompareTolerance { get; init; }
}
