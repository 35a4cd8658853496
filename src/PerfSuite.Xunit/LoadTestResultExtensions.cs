using PerfSuite.Hosting.Sessions;

namespace PerfSuite.Xunit;

/// <summary>The budget gate of a finished load test.</summary>
public static class LoadTestResultExtensions
{
    /// <summary>Fails (FluentAssertions) unless the run met its budget; the message lists every violation and the report path.</summary>
    /// <param name="result">The finished run.</param>
    public static void AssertBudget(this LoadTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.Summary.Should().WithReport(result.MarkdownReport).MeetBudget(result.Budget);
    }
}
