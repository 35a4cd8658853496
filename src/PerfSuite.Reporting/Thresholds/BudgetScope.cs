namespace PerfSuite.Reporting.Thresholds;

/// <summary>What a budget check measured.</summary>
public enum BudgetScope
{
    /// <summary>The run's totals (the scenario under its profile).</summary>
    Scenario,

    /// <summary>One endpoint of the run.</summary>
    Endpoint,
}
