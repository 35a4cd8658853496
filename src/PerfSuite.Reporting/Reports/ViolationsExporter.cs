namespace PerfSuite.Reporting.Reports;

/// <summary>
/// <c>violations.txt</c>: one violated budget per line (<see cref="Thresholds.BudgetVerdict.FailureLines"/>), each ended by
/// <c>\n</c>, for CI annotations; empty when the run passed or had no budget.
/// </summary>
public sealed class ViolationsExporter : IReportExporter
{
    /// <summary>The file name, <c>violations.txt</c>.</summary>
    public const string File = "violations.txt";

    /// <inheritdoc/>
    public string Name => "violations";

    /// <inheritdoc/>
    public string FileName => File;

    /// <inheritdoc/>
    public async Task ExportAsync(ReportContext context, TextWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var line in context.Verdict?.FailureLines ?? [])
        {
            await destination.WriteAsync((line + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}
