using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Xunit;

/// <summary>Entry point of the FluentAssertions assertions on a run: <c>summary.Should().MeetBudget(budget)</c>.</summary>
public static class RunSummaryAssertionExtensions
{
    /// <summary>Starts assertions on a run summary.</summary>
    /// <param name="summary">The run; may be null (the assertion then fails readably).</param>
    /// <returns>Assertions on the run.</returns>
    public static RunSummaryAssertions Should(this RunSummary summary) => new(summary);
}
