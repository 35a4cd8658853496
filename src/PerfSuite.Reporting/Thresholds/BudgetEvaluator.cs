using System.Globalization;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Thresholds;

/// <summary>
/// Checks a run against a budget. Pure: the verdict depends on the summary and the budget only.
/// Scenario-scope limits apply to the run's totals (<see cref="RunSummary.Latency"/>, <see cref="RunSummary.ErrorRate"/>,
/// <see cref="RunSummary.RequestsPerSecond"/>, <see cref="RunSummary.SkippedArrivals"/>); endpoint limits apply to the
/// entry of <see cref="RunSummary.Endpoints"/> with the same name.
/// </summary>
public static class BudgetEvaluator
{
    /// <summary>Checks every limit of <paramref name="budget"/> and returns all outcomes.</summary>
    /// <param name="summary">The run.</param>
    /// <param name="budget">The budget.</param>
    /// <returns>Passed and failed checks. A latency check of a scope without samples, and every check of an endpoint
    /// missing from the summary, fails as "no samples".</returns>
    /// <exception cref="ArgumentException">An endpoint budget sets <see cref="BudgetLimits.MaxSkippedArrivals"/>.</exception>
    public static BudgetVerdict Evaluate(RunSummary summary, ScenarioBudget budget)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(budget);

        var checks = new List<BudgetCheck>();
        foreach (var (metric, limit) in budget.Limits.Set())
        {
            checks.Add(new BudgetCheck(metric, BudgetScope.Scenario, budget.Scenario, limit, RunValue(summary, metric)));
        }

        foreach (var endpointBudget in budget.Endpoints)
        {
            if (endpointBudget.Limits.MaxSkippedArrivals is not null)
            {
                throw new ArgumentException(
                    $"Endpoint '{endpointBudget.Endpoint}': skipped arrivals are counted per scenario, not per endpoint.",
                    nameof(budget));
            }

            var endpoint = summary.Endpoints.FirstOrDefault(e => e.Name == endpointBudget.Endpoint);
            foreach (var (metric, limit) in endpointBudget.Limits.Set())
            {
                var actual = endpoint is null || endpoint.Requests == 0 ? null : EndpointValue(summary, endpoint, metric);
                checks.Add(new BudgetCheck(metric, BudgetScope.Endpoint, endpointBudget.Endpoint, limit, actual));
            }
        }

        return new BudgetVerdict(budget.Scenario, budget.Profile, checks) { Interruption = CancellationLine(summary) };
    }

    /// <summary>The line naming an interrupted run, or <c>null</c> for a complete one.</summary>
    /// <param name="summary">The run.</param>
    /// <returns>e.g. <c>run cancelled after 4.2 s of 60 s planned: incomplete, not a pass</c>.</returns>
    public static string? CancellationLine(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Cancelled
            ? string.Create(CultureInfo.InvariantCulture, $"run cancelled after {(summary.InterruptedAfter ?? summary.Duration).TotalSeconds:0.#} s of {summary.PlannedDuration.TotalSeconds:0.#} s planned: incomplete, not a pass")
            : null;
    }

    private static double? RunValue(RunSummary summary, BudgetMetric metric) => metric switch
    {
        BudgetMetric.ErrorRate => summary.ErrorRate,
        BudgetMetric.MinThroughput => summary.RequestsPerSecond,
        BudgetMetric.MaxSkippedArrivals => summary.SkippedArrivals,
        _ => LatencyValue(summary.Latency, metric),
    };

    private static double? EndpointValue(RunSummary summary, EndpointSummary endpoint, BudgetMetric metric) => metric switch
    {
        BudgetMetric.ErrorRate => SummaryRates.ErrorRate(endpoint),
        BudgetMetric.MinThroughput => SummaryRates.RequestsPerSecond(summary, endpoint),
        _ => LatencyValue(endpoint.Latency, metric),
    };

    private static double? LatencyValue(LatencyStats latency, BudgetMetric metric) => latency.Count == 0 ? null : metric switch
    {
        BudgetMetric.P50 => latency.P50Ms,
        BudgetMetric.P95 => latency.P95Ms,
        BudgetMetric.P99 => latency.P99Ms,
        BudgetMetric.P999 => latency.P999Ms,
        BudgetMetric.Max => latency.MaxMs,
        BudgetMetric.Mean => latency.MeanMs,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a latency metric"),
    };
}
