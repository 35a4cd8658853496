using System.Text;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Xunit;

/// <summary>
/// Writes a load test's reports (<c>summary.txt</c>, <c>report.json</c>, <c>report.md</c>, <c>report.html</c>) and
/// <c>violations.txt</c> (one violated budget per line, empty when the run passed, for CI annotations), prints the text
/// summary to the test output and attaches every file to the test result, with the case's other files (its flamegraph,
/// collapsed stacks and server dump when profiled).
/// </summary>
internal static class LoadTestReports
{
    public const string ViolationsFile = "violations.txt";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<IReadOnlyList<string>> WriteAsync(
        RunSummary summary,
        BudgetVerdict verdict,
        ServerHotSpots? hotSpots,
        Uri target,
        string runId,
        string directory,
        IReadOnlyList<string> otherFiles,
        TestOutputSink output,
        CancellationToken cancellationToken)
    {
        var context = new ReportContext(summary, new RunMetadata(runId, verdict.Scenario, verdict.Profile, PerfSuite.Engine.Auth.UrlRedaction.Redact(target)), verdict) { HotSpots = hotSpots };
        output.Output(TextSummaryExporter.Render(context));
        var written = (await ReportWriter.CreateStandard(output.Output).WriteAsync(context, directory, cancellationToken).ConfigureAwait(false)).ToList();

        var violations = Path.Combine(directory, ViolationsFile);
        var lines = verdict.FailureLines.Select(line => line + "\n");
        await File.WriteAllTextAsync(violations, string.Concat(lines), Utf8, cancellationToken).ConfigureAwait(false);
        written.Add(violations);
        written.AddRange(otherFiles);

        foreach (var path in written)
        {
            // Named after the case too (csr-all-smoke-report.md): names must be unique within a test, which may run several cases.
            var name = $"{Path.GetFileName(directory)}-{Path.GetFileName(path)}";
            switch (Path.GetExtension(path))
            {
                case ".json":
                    output.Attach(name, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), "application/json");
                    break;
                case ".svg":
                    output.Attach(name, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), "image/svg+xml");
                    break;
                case ".html":
                    output.Attach(name, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), "text/html");
                    break;
                default:
                    output.Attach(name, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
                    break;
            }
        }

        output.Live($"[{verdict.Scenario} / {verdict.Profile}] {(verdict.Cancelled ? "CANCELLED" : verdict.Passed ? "PASS" : "FAIL")}: reports in {directory}");
        return written;
    }
}
