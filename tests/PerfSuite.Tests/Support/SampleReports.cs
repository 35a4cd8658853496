using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Tests.Support;

/// <summary>Report contexts over <see cref="SampleRuns"/>, with and without a failing budget.</summary>
internal static class SampleReports
{
    public static readonly RunMetadata Metadata = new("20201109-120142-smoke", SampleRuns.LoginScenario, "smoke", "http://127.0.0.1:5123/");

    public static readonly ScenarioBudget FailingBudget = new(SampleRuns.LoginScenario, "smoke",
        new BudgetLimits(P95Ms: 60, P99Ms: 200, ErrorRate: 0.01, MinRequestsPerSecond: 50),
        [new EndpointBudget(SampleRuns.Citizens, new BudgetLimits(P95Ms: 40)), new EndpointBudget("GET /api/v1/gone/", new BudgetLimits(P95Ms: 100))]);

    public static ReportContext WithVerdict(RunSummary? summary = null)
    {
        var run = summary ?? SampleRuns.Realistic();
        return new ReportContext(run, Metadata, BudgetEvaluator.Evaluate(run, FailingBudget));
    }
}
