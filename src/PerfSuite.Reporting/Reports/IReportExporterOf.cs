namespace PerfSuite.Reporting.Reports;

/// <summary>
/// Writes one report file from a result (like BenchmarkDotNet's <c>IExporter</c>): a run's reports
/// (<see cref="IReportExporter"/>) and a comparison's share <see cref="ReportWriter{TContext}"/>. Exporters are stateless
/// and deterministic: the same context gives the same text, so reports can be diffed between runs.
/// </summary>
/// <typeparam name="TContext">What the report is written from.</typeparam>
public interface IReportExporter<in TContext>
{
    /// <summary>Short name for logs, e.g. <c>markdown</c>.</summary>
    string Name { get; }

    /// <summary>File name the report is written to inside the report directory, e.g. <c>report.md</c>.</summary>
    string FileName { get; }

    /// <summary>Writes the report.</summary>
    /// <param name="context">What the report is written from.</param>
    /// <param name="destination">Where the text goes; the exporter does not close it.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task completing when everything is written to <paramref name="destination"/>.</returns>
    Task ExportAsync(TContext context, TextWriter destination, CancellationToken cancellationToken);
}
