using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Reporting.Reports;

/// <summary>Everything an exporter reads: the run, what it was, and the budget verdict when a budget was checked.</summary>
/// <param name="Summary">The run's figures.</param>
/// <param name="Metadata">Which run it was (scenario, profile, target without credentials, run id).</param>
/// <param name="Verdict">The budget verdict; <c>null</c> when the run had no budget.</param>
public sealed record ReportContext(RunSummary Summary, RunMetadata Metadata, BudgetVerdict? Verdict = null);
