using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Hosting.Sessions;

/// <summary>A finished load test: the run, its budget and verdict, and where its reports are.</summary>
/// <param name="Summary">The run's figures.</param>
/// <param name="Budget">The budget the run is held to.</param>
/// <param name="Verdict">Every check of the run against <paramref name="Budget"/>.</param>
/// <param name="ReportDirectory">The case's report folder (full path).</param>
/// <param name="Reports">Full paths of the reports written, <c>violations.txt</c> included, and of the profile files (<c>profile.svg</c>, <c>profile.txt</c>, <c>server-dump.txt</c>) when the run was profiled.</param>
public sealed record LoadTestResult(RunSummary Summary, ScenarioBudget Budget, BudgetVerdict Verdict, string ReportDirectory, IReadOnlyList<string> Reports)
{
    /// <summary>The Markdown report, which failure messages point to.</summary>
    public string MarkdownReport => Path.Combine(ReportDirectory, "report.md");

    /// <summary>The shard this result is of a split run; <c>null</c> for a whole run. A shard's result is not gated: the merge is.</summary>
    public PerfSuite.Engine.Load.LoadShard? Shard { get; init; }
}
