using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Hosting.Sessions;

/// <summary>
/// Writes a load test's reports (<c>summary.txt</c>, <c>report.json</c>, <c>report.md</c>, <c>report.html</c>) and
/// <c>violations.txt</c> (one violated budget per line, empty when the run passed, for CI annotations), prints the text
/// summary to the output and hands every file to it, with the case's other files (its flamegraph, collapsed stacks and
/// server dump when profiled).
/// </summary>
internal static class LoadTestReports
{
    public static async Task<IReadOnlyList<string>> WriteAsync(
        RunSummary summary,
        BudgetVerdict verdict,
        ServerHotSpots? hotSpots,
        Uri target,
        string runId,
        string directory,
        IReadOnlyList<string> otherFiles,
        ISessionOutput output,
        CancellationToken cancellationToken)
    {
        var context = new ReportContext(summary, new RunMetadata(runId, verdict.Scenario, verdict.Profile, PerfSuite.Engine.Auth.UrlRedaction.Redact(target))
        {
            Sharding = summary.Shard.IsWhole ? null : summary.Shard.Describe() + "; not gated on its share: the gate is the merge (perfsuite merge)",
        }, verdict) { HotSpots = hotSpots };
        output.Output(TextSummaryExporter.Render(context));
        var written = (await ReportWriter.CreateWithViolations(output.Output).WriteAsync(context, directory, cancellationToken).ConfigureAwait(false)).ToList();
        written.AddRange(otherFiles);

        foreach (var path in written)
        {
            output.Attach(path);
        }

        output.Live($"[{verdict.Scenario} / {verdict.Profile}] {(verdict.Cancelled ? "CANCELLED" : verdict.Passed ? "PASS" : "FAIL")}: reports in {directory}");
        return written;
    }
}
