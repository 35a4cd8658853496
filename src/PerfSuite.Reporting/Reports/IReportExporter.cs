namespace PerfSuite.Reporting.Reports;

/// <summary>
/// Writes one report file from a run (like BenchmarkDotNet's <c>IExporter</c>). Exporters are stateless and
/// deterministic: the same context gives the same text, so reports can be diffed between runs.
/// </summary>
public interface IReportExporter
{
    /// <summary>Short name for logs, e.g. <c>markdown</c>.</summary>
    string Name { get; }

    /// <summary>File name the report is written to inside the report directory, e.g. <c>report.md</c>.</summary>
    string FileName { get; }

    /// <summary>Writes the report.</summary>
    /// <param name="context">The run, its metadata and its budget verdict.</param>
    /// <param name="destination">Where the text goes; the exporter does not close it.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task completing when everything is written to <paramref name="destination"/>.</returns>
    Task ExportAsync(ReportContext context, TextWriter destination, CancellationToken cancellationToken);
}
