using System.Text;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// Writes every exporter's report into one directory, each written aside and moved into place. A failing exporter is
/// logged and skipped so the other reports still appear; cancellation stops the whole write. Run reports and comparison
/// reports are written by this one writer.
/// </summary>
/// <typeparam name="TContext">What the reports are written from.</typeparam>
public class ReportWriter<TContext>
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly IReadOnlyList<IReportExporter<TContext>> _exporters;
    private readonly Action<string> _log;

    /// <summary>Creates a writer.</summary>
    /// <param name="exporters">The exporters, written in this order; file names must differ.</param>
    /// <param name="log">Receives one line per written or failed report; ignored when null.</param>
    public ReportWriter(IEnumerable<IReportExporter<TContext>> exporters, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(exporters);
        _exporters = [.. exporters];
        var duplicate = _exporters.GroupBy(e => e.FileName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two exporters write '{duplicate.Key}'.", nameof(exporters));
        }

        _log = log ?? (_ => { });
    }

    /// <summary>Writes every report into <paramref name="directory"/> (created if needed), replacing files of the same name.</summary>
    /// <param name="context">The run (or comparison).</param>
    /// <param name="directory">The report directory.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Full paths of the reports written, in exporter order; failed exporters are absent.</returns>
    public async Task<IReadOnlyList<string>> WriteAsync(TContext context, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);

        var written = new List<string>();
        foreach (var exporter in _exporters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.GetFullPath(Path.Combine(directory, exporter.FileName));
            var partial = path + ".partial";
            try
            {
                await using (var writer = new StreamWriter(partial, append: false, Utf8))
                {
                    await exporter.ExportAsync(context, writer, cancellationToken).ConfigureAwait(false);
                }

                // Written aside and moved, so a failed export never leaves a truncated report under the real name.
                File.Move(partial, path, overwrite: true);
                written.Add(path);
                _log($"report: {exporter.Name} written to {path}");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                File.Delete(partial);
                throw;
            }
#pragma warning disable CA1031 // One broken exporter must not cost the others; the failure is logged with its cause.
            catch (Exception e)
#pragma warning restore CA1031
            {
                File.Delete(partial);
                _log($"report: {exporter.Name} failed ({exporter.FileName} not written): {e.GetType().Name}: {e.Message}");
            }
        }

        return written;
    }
}
