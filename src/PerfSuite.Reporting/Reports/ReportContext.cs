using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Reporting.Reports;

/// <summary>Everything an exporter reads: the run, what it was, and the budget verdict when a budget was checked.</summary>
/// <param name="Summary">The run's figures.</param>
/// <param name="Metadata">Which run it was (scenario, profile, target without credentials, run id).</param>
/// <param name="Verdict">The budget verdict; <c>null</c> when the run had no budget.</param>
public sealed record ReportContext(RunSummary Summary, RunMetadata Metadata, BudgetVerdict? Verdict = null)
{
    /// <summary>
    /// The server's hot spots during the run (from a py-spy profile), shown as the "Server hot spots" section of the
    /// Markdown and HTML reports; <c>null</c> when the run was not profiled (no section).
    /// </summary>
    public ServerHotSpots? HotSpots { get; init; }
}
