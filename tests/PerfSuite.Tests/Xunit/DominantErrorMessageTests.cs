using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class DominantErrorMessageTests
{
    private static readonly ScenarioBudget Budget = new(SampleRuns.LoginScenario, "smoke", new BudgetLimits(ErrorRate: 0.01));

    [Fact]
    public void A_run_whose_requests_all_failed_to_connect_leads_its_failure_with_100_percent_connection_refused()
    {
        var run = SampleRuns.Realistic() with
        {
            Requests = 28, FailedRequests = 28, ErrorRate = 1, Errors = new Dictionary<string, long> { ["connection-refused"] = 28 },
        };

        var act = () => run.Should().MeetBudget(Budget);

        act.Should().Throw<Exception>().Which.Message.Should().StartWith("100 % connection-refused (28 of 28 requests)");
    }

    [Fact]
    public void A_run_with_scattered_errors_leads_with_the_budget_lines()
    {
        var run = SampleRuns.Realistic() with
        {
            Requests = 100, FailedRequests = 10, ErrorRate = 0.1, Errors = new Dictionary<string, long> { ["timeout"] = 6, ["500"] = 4 },
        };

        var act = () => run.Should().MeetBudget(Budget);

        act.Should().Throw<Exception>().Which.Message.Should().StartWith("Expected run");
    }
}
