namespace PerfSuite.Reporting.Reports;

/// <summary>Writes one report file of a run (text, JSON, Markdown, HTML) from its <see cref="ReportContext"/>.</summary>
public interface IReportExporter : IReportExporter<ReportContext>;
