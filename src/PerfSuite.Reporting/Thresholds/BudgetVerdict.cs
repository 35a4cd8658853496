namespace PerfSuite.Reporting.Thresholds;

/// <summary>Every check of a run against a <see cref="ScenarioBudget"/>, passed and failed, in budget order.</summary>
/// <param name="Scenario">Scenario name of the budget.</param>
/// <param name="Profile">Load profile name of the budget.</param>
/// <param name="Checks">All checks: the scenario-scope ones first, then each endpoint's, in budget order.</param>
public sealed record BudgetVerdict(string Scenario, string Profile, IReadOnlyList<BudgetCheck> Checks)
{
    /// <summary>True when every check passed (also when the budget set no limit).</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The failed checks, in order.</summary>
    public IReadOnlyList<BudgetCheck> Violations => [.. Checks.Where(c => !c.Passed)];

    /// <summary>The passed checks, in order.</summary>
    public IReadOnlyList<BudgetCheck> PassedChecks => [.. Checks.Where(c => c.Passed)];
}
