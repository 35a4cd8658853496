using PerfSuite.Reporting.Reports;
using PerfSuite.Tests.Support;
using Snapshooter;
using Snapshooter.Xunit3;

namespace PerfSuite.Tests.Approval;

/// <summary>
/// Each report format rendered from one fixed summary (<see cref="SampleReports.WithVerdict"/>: seeded latencies, a fixed
/// start time, a failing budget) and compared with its approved snapshot in <c>__snapshots__/</c>, line by line, so a
/// report change is a reviewed diff. A mismatch is written to <c>__snapshots__/__mismatch__/</c>.
/// </summary>
public sealed class ReportSnapshotTests
{
    public static TheoryData<string> Formats => new() { "text", "markdown", "json", "html" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_report_format_matches_its_approved_snapshot(string format)
    {
        var context = SampleReports.WithVerdict();

        var rendered = Render(format, context);

        Render(format, context).Should().Be(rendered, "an exporter is deterministic: the same summary gives the same text");
        Snapshot.Match(rendered.ReplaceLineEndings("\n").Split('\n'), SnapshotNameExtension.Create(format));
    }

    private static string Render(string format, ReportContext context) => format switch
    {
        "text" => TextSummaryExporter.Render(context),
        "markdown" => MarkdownReportExporter.Render(context),
        "json" => JsonReportExporter.Render(context),
        "html" => HtmlReportExporter.Render(context),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
