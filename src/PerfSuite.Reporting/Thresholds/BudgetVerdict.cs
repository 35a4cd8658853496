namespace PerfSuite.Reporting.Thresholds;

/// <summary>Every check of a run against a <see cref="ScenarioBudget"/>, passed and failed, in budget order.</summary>
/// <param name="Scenario">Scenario name of the budget.</param>
/// <param name="Profile">Load profile name of the budget.</param>
/// <param name="Checks">All checks: the scenario-scope ones first, then each endpoint's, in budget order.</param>
public sealed record BudgetVerdict(string Scenario, string Profile, IReadOnlyList<BudgetCheck> Checks)
{
    /// <summary>
    /// Why the run stopped before its end, e.g. <c>run cancelled after 4.2 s of 60 s planned: incomplete, not a pass</c>,
    /// led by the cause when one is known (<c>target failed: …</c>); <c>null</c> for a run that went to its end.
    /// </summary>
    public string? Interruption { get; init; }

    /// <summary>True when the run was interrupted (<see cref="Interruption"/>); such a run never passes.</summary>
    public bool Cancelled => Interruption is not null;

    /// <summary>True when the run went to its end and every check passed (also when the budget set no limit).</summary>
    public bool Passed => !Cancelled && Checks.All(c => c.Passed);

    /// <summary>One line per reason the run did not pass: the cancellation first, then every violated check.</summary>
    public IReadOnlyList<string> FailureLines =>
        [.. (Interruption is { } cancelled ? new[] { cancelled } : []), .. Violations.Select(v => v.Describe())];

    /// <summary>The failed checks, in order.</summary>
    public IReadOnlyList<BudgetCheck> Violations => [.. Checks.Where(c => !c.Passed)];

    /// <summary>The passed checks, in order.</summary>
    public IReadOnlyList<BudgetCheck> PassedChecks => [.. Checks.Where(c => c.Passed)];
}
