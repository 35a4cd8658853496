namespace PerfSuite.Reporting.Thresholds;

/// <summary>
/// The outcome of checking one metric of one scope against its limit. A check with no <see cref="Actual"/> value
/// ("no samples": the endpoint is absent or recorded no request) always fails.
/// </summary>
/// <param name="Metric">The metric checked.</param>
/// <param name="ScopeKind">Whether the scope is the scenario run or an endpoint.</param>
/// <param name="Scope">Scenario name or endpoint name.</param>
/// <param name="Budget">The limit, in the metric's unit (ms, fraction, req/s, count).</param>
/// <param name="Actual">The measured value in the same unit; <c>null</c> when there were no samples.</param>
public sealed record BudgetCheck(BudgetMetric Metric, BudgetScope ScopeKind, string Scope, double Budget, double? Actual)
{
    /// <summary>True when the actual value is within the budget; equal to the budget passes.</summary>
    public bool Passed => Actual is { } actual
        && (Metric.IsLowerBound() ? actual >= Budget : actual <= Budget);

    /// <summary>True when there was nothing to measure.</summary>
    public bool NoSamples => Actual is null;

    /// <summary>
    /// How far the actual value is on the wrong side of the budget, in the metric's unit: positive when failed,
    /// zero or negative (headroom) when passed; <c>null</c> when there were no samples.
    /// </summary>
    public double? Excess => Actual is { } actual ? (Metric.IsLowerBound() ? Budget - actual : actual - Budget) : null;

    /// <summary><see cref="Excess"/> as a percentage of the budget (e.g. 25 for 25 % over); <c>null</c> with no samples or a zero budget.</summary>
    public double? ExcessPercent => Excess is { } excess && Budget != 0 ? excess / Budget * 100 : null;

    /// <summary>One readable line, e.g. <c>p95 of endpoint 'GET /x': 312.5 ms &gt; budget 250 ms (+62.5 ms, +25 %)</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        var where = ScopeKind == BudgetScope.Endpoint ? $"endpoint '{Scope}'" : $"scenario '{Scope}'";
        var budget = Metric.Format(Budget);
        if (Actual is not { } actual)
        {
            return $"{Metric.Label()} of {where}: no samples (budget {budget})";
        }

        var comparison = Passed ? (Metric.IsLowerBound() ? ">=" : "<=") : (Metric.IsLowerBound() ? "<" : ">");
        var text = $"{Metric.Label()} of {where}: {Metric.Format(actual)} {comparison} budget {budget}";
        return Passed ? text : $"{text} ({BudgetFormat.Excess(this)})";
    }
}
