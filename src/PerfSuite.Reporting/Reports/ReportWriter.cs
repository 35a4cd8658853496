namespace PerfSuite.Reporting.Reports;

/// <summary>The writer of a run's reports (<see cref="ReportContext"/>), with the four standard exporters at hand.</summary>
public sealed class ReportWriter : ReportWriter<ReportContext>
{
    /// <summary>Creates a writer.</summary>
    /// <param name="exporters">The exporters, written in this order; file names must differ.</param>
    /// <param name="log">Receives one line per written or failed report; ignored when null.</param>
    public ReportWriter(IEnumerable<IReportExporter> exporters, Action<string>? log = null)
        : base(exporters, log)
    {
    }

    /// <summary>The four standard exporters: <c>summary.txt</c>, <c>report.json</c>, <c>report.md</c>, <c>report.html</c>.</summary>
    /// <returns>New exporter instances.</returns>
    public static IReadOnlyList<IReportExporter> StandardExporters() =>
        [new TextSummaryExporter(), new JsonReportExporter(), new MarkdownReportExporter(), new HtmlReportExporter()];

    /// <summary>Creates a writer with the <see cref="StandardExporters"/>.</summary>
    /// <param name="log">Receives one line per written or failed report; ignored when null.</param>
    /// <returns>The writer.</returns>
    public static ReportWriter CreateStandard(Action<string>? log = null) => new(StandardExporters(), log);

    /// <summary>Creates a writer with the <see cref="StandardExporters"/> and the <see cref="ViolationsExporter"/> last: what a gated run writes.</summary>
    /// <param name="log">Receives one line per written or failed report; ignored when null.</param>
    /// <returns>The writer.</returns>
    public static ReportWriter CreateWithViolations(Action<string>? log = null) => new([.. StandardExporters(), new ViolationsExporter()], log);
}
