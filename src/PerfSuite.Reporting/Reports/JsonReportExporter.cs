using System.Text.Json;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// <c>report.json</c>: every figure of the run, the encoded histograms, the budget verdict and the metadata,
/// in the versioned schema <c>perfsuite/report/v1</c> (snake_case; documented in <c>docs/report-schema.md</c>).
/// Tools merge runs by decoding the histograms; the file carries no credentials.
/// </summary>
public sealed class JsonReportExporter : IReportExporter
{
    /// <summary>The value of the <c>schema</c> field.</summary>
    public const string Schema = JsonReport.SchemaName;

    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public string FileName => "report.json";

    /// <summary>Renders the report as indented JSON.</summary>
    /// <param name="context">The run.</param>
    /// <returns>The JSON text.</returns>
    public static string Render(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ReportJson.Serialize(JsonReport.From(context));
    }

    /// <inheritdoc/>
    public async Task ExportAsync(ReportContext context, TextWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(Render(context).AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
