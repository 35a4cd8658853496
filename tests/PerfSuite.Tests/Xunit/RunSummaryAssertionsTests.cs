using FluentAssertions.Execution;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class RunSummaryAssertionsTests
{
    private static readonly RunSummary Run = SampleRuns.Realistic() with
    {
        Requests = 3953,
        FailedRequests = 49,
        ErrorRate = 49 / 3953.0,
        RequestsPerSecond = 28.49,
        Latency = new LatencyStats(3904, 0.5, 900, 341.2, 800, 1199.3, 1786.5, 2500, 3005.1),
    };

    private static readonly ScenarioBudget Budget = new(SampleRuns.LoginScenario, "smoke",
        new BudgetLimits(P95Ms: 1000, P99Ms: 1500, ErrorRate: 0.05),
        [new EndpointBudget(SampleRuns.Appointment, new BudgetLimits(P95Ms: 0.5)), new EndpointBudget("GET /gone/", new BudgetLimits(P95Ms: 10))]);

    [Fact]
    public void A_run_within_budget_passes()
    {
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", new BudgetLimits(P95Ms: 1199.3, ErrorRate: 0.05));

        var act = () => Run.Should().MeetBudget(budget);

        act.Should().NotThrow();
    }

    [Fact]
    public void The_failure_lists_every_violation_and_the_key_figures()
    {
        var act = () => Run.Should().MeetBudget(Budget, "merges are gated on the {0} budget", "smoke");

        var message = act.Should().Throw<Exception>().Which.Message;

        message.Should().StartWith(
            "Expected run 'CSR – Login, load data, idle / smoke' to meet budget 'CSR – Login, load data, idle' / smoke " +
            "because merges are gated on the smoke budget, but 4 of 5 checks failed:");
        message.Should().ContainAll(
            "  - p95 of scenario 'CSR – Login, load data, idle': 1199.3 ms > budget 1000 ms (+199.3 ms, +19.9 %)",
            "  - p99 of scenario 'CSR – Login, load data, idle': 1786.5 ms > budget 1500 ms (+286.5 ms, +19.1 %)",
            "  - p95 of endpoint 'GET /api/v1/appointments/{appointment_id}/': ",
            "  - p95 of endpoint 'GET /gone/': no samples (budget 10 ms)",
            "Run: 3953 requests, 28.49 req/s, p50 341.2 ms, p95 1199.3 ms, p99 1786.5 ms, error rate 1.24 % (49 failed)");
        message.Should().NotContain("error rate of scenario").And.NotContain("Report:").And.NotContain("generator-bound");
    }

    [Fact]
    public void The_failure_ends_with_the_report_path_when_given()
    {
        var act = () => Run.Should().WithReport("artifacts/perf/report.html").MeetBudget(Budget);

        act.Should().Throw<Exception>().Which.Message.Should().EndWith("Report: artifacts/perf/report.html");
    }

    [Fact]
    public void The_failure_warns_when_the_generator_was_the_bottleneck()
    {
        var bound = SampleRuns.Realistic(generatorBound: true);

        var act = () => bound.Should().MeetBudget(Budget);

        act.Should().Throw<Exception>().Which.Message.Should()
            .Contain("WARNING: results may be generator-bound: arrival lag p99 80 ms exceeds 50 ms; generator CPU 95 % exceeds 90 %");
    }

    [Fact]
    public void Inside_an_assertion_scope_the_failure_is_collected_with_the_others()
    {
        var act = () =>
        {
            using var scope = new AssertionScope();
            Run.Should().MeetBudget(Budget);
            Run.Should().MeetBudget(Budget with { Profile = "stress" });
        };

        act.Should().Throw<Exception>().Which.Message.Should().Contain("/ smoke").And.Contain("/ stress");
    }

    [Fact]
    public void A_null_run_fails_readably()
    {
        RunSummary? none = null;

        var act = () => none!.Should().MeetBudget(Budget);

        act.Should().Throw<Exception>().Which.Message.Should().Contain("but found <null>");
    }
}
