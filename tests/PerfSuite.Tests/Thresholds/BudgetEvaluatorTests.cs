using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Thresholds;

public sealed class BudgetEvaluatorTests
{
    private static readonly RunSummary Run = SampleRuns.Realistic() with
    {
        Latency = new LatencyStats(4000, 1, 50, 40, 80, 100, 200, 400, 900),
        ErrorRate = 0.02,
        RequestsPerSecond = 30,
        SkippedArrivals = 5,
    };

    public static TheoryData<string, BudgetLimits, BudgetMetric, double, bool> ScenarioChecks => new()
    {
        { "p50 under", new BudgetLimits(P50Ms: 41), BudgetMetric.P50, 40, true },
        { "p50 equal", new BudgetLimits(P50Ms: 40), BudgetMetric.P50, 40, true },
        { "p50 over", new BudgetLimits(P50Ms: 39.9), BudgetMetric.P50, 40, false },
        { "p95 equal", new BudgetLimits(P95Ms: 100), BudgetMetric.P95, 100, true },
        { "p95 over", new BudgetLimits(P95Ms: 99), BudgetMetric.P95, 100, false },
        { "p99 equal", new BudgetLimits(P99Ms: 200), BudgetMetric.P99, 200, true },
        { "p99 over", new BudgetLimits(P99Ms: 150), BudgetMetric.P99, 200, false },
        { "p99.9 equal", new BudgetLimits(P999Ms: 400), BudgetMetric.P999, 400, true },
        { "p99.9 over", new BudgetLimits(P999Ms: 300), BudgetMetric.P999, 400, false },
        { "max equal", new BudgetLimits(MaxMs: 900), BudgetMetric.Max, 900, true },
        { "max over", new BudgetLimits(MaxMs: 899), BudgetMetric.Max, 900, false },
        { "mean equal", new BudgetLimits(MeanMs: 50), BudgetMetric.Mean, 50, true },
        { "mean over", new BudgetLimits(MeanMs: 49), BudgetMetric.Mean, 50, false },
        { "error rate equal", new BudgetLimits(ErrorRate: 0.02), BudgetMetric.ErrorRate, 0.02, true },
        { "error rate over", new BudgetLimits(ErrorRate: 0.01), BudgetMetric.ErrorRate, 0.02, false },
        { "throughput above floor", new BudgetLimits(MinRequestsPerSecond: 25), BudgetMetric.MinThroughput, 30, true },
        { "throughput equal", new BudgetLimits(MinRequestsPerSecond: 30), BudgetMetric.MinThroughput, 30, true },
        { "throughput below floor", new BudgetLimits(MinRequestsPerSecond: 31), BudgetMetric.MinThroughput, 30, false },
        { "skipped equal", new BudgetLimits(MaxSkippedArrivals: 5), BudgetMetric.MaxSkippedArrivals, 5, true },
        { "skipped over", new BudgetLimits(MaxSkippedArrivals: 0), BudgetMetric.MaxSkippedArrivals, 5, false },
    };

    [Theory]
    [MemberData(nameof(ScenarioChecks))]
    public void Each_scenario_limit_is_checked_against_the_run_totals(
        string because, BudgetLimits limits, BudgetMetric metric, double actual, bool passed)
    {
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", limits);

        var verdict = BudgetEvaluator.Evaluate(Run, budget);

        var check = verdict.Checks.Should().ContainSingle(because).Subject;
        check.Should().BeEquivalentTo(
            new { Metric = metric, ScopeKind = BudgetScope.Scenario, Scope = SampleRuns.LoginScenario, Actual = (double?)actual, Passed = passed },
            because);
        verdict.Passed.Should().Be(passed, because);
    }

    [Fact]
    public void A_failed_check_states_the_excess_in_units_and_percent()
    {
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", new BudgetLimits(P95Ms: 80, MinRequestsPerSecond: 40));

        var verdict = BudgetEvaluator.Evaluate(Run, budget);

        verdict.Violations.Select(v => (v.Metric, v.Excess, v.ExcessPercent)).Should().Equal(
            (BudgetMetric.P95, 20.0, 25.0),
            (BudgetMetric.MinThroughput, 10.0, 25.0));
        verdict.Violations.Select(v => v.Describe()).Should().Equal(
            "p95 of scenario 'CSR – Login, load data, idle': 100 ms > budget 80 ms (+20 ms, +25 %)",
            "throughput of scenario 'CSR – Login, load data, idle': 30 req/s < budget 40 req/s (-10 req/s, -25 %)");
    }

    [Fact]
    public void Endpoint_limits_are_checked_against_that_endpoint_only()
    {
        var citizens = Run.Endpoints.Single(e => e.Name == SampleRuns.Citizens);
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", BudgetLimits.None,
            [new EndpointBudget(SampleRuns.Citizens, new BudgetLimits(P95Ms: citizens.Latency.P95Ms, ErrorRate: 0))]);

        var verdict = BudgetEvaluator.Evaluate(Run, budget);

        verdict.Checks.Should().HaveCount(2).And.OnlyContain(c => c.ScopeKind == BudgetScope.Endpoint && c.Scope == SampleRuns.Citizens);
        verdict.Checks[0].Should().Match<BudgetCheck>(c => c.Passed && c.Actual == citizens.Latency.P95Ms);
        verdict.Checks[1].Should().Match<BudgetCheck>(c => !c.Passed && c.Actual == 3.0 / 1800);
    }

    [Fact]
    public void Endpoint_throughput_is_its_requests_over_the_run_duration()
    {
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", BudgetLimits.None,
            [new EndpointBudget(SampleRuns.Citizens, new BudgetLimits(MinRequestsPerSecond: 30))]);

        var verdict = BudgetEvaluator.Evaluate(Run, budget);

        verdict.Checks.Single().Actual.Should().Be(1800 / 60.0);
        verdict.Passed.Should().BeTrue();
    }

    [Fact]
    public void An_endpoint_absent_from_the_run_fails_every_limit_with_no_samples()
    {
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", BudgetLimits.None,
            [new EndpointBudget("GET /api/v1/nowhere/", new BudgetLimits(P95Ms: 1000, ErrorRate: 1))]);

        var verdict = BudgetEvaluator.Evaluate(Run, budget);

        verdict.Passed.Should().BeFalse();
        verdict.Violations.Should().HaveCount(2).And.OnlyContain(c => c.NoSamples && c.Excess == null);
        verdict.Violations[0].Describe().Should().Be("p95 of endpoint 'GET /api/v1/nowhere/': no samples (budget 1000 ms)");
    }

    [Fact]
    public void A_run_without_requests_fails_latency_limits_with_no_samples()
    {
        var empty = Run with { Latency = LatencyStats.Empty };
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", new BudgetLimits(P99Ms: 500));

        var verdict = BudgetEvaluator.Evaluate(empty, budget);

        verdict.Violations.Should().ContainSingle().Which.NoSamples.Should().BeTrue();
    }

    [Fact]
    public void Every_violation_is_reported_along_with_the_passed_checks()
    {
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke",
            new BudgetLimits(P50Ms: 10, P95Ms: 1000, P99Ms: 100, ErrorRate: 0.001, MaxSkippedArrivals: 10),
            [new EndpointBudget(SampleRuns.Login, new BudgetLimits(P95Ms: 0.001)), new EndpointBudget("GET /missing/", new BudgetLimits(MaxMs: 1))]);

        var verdict = BudgetEvaluator.Evaluate(Run, budget);

        verdict.Violations.Select(v => (v.Metric, v.Scope)).Should().Equal(
            (BudgetMetric.P50, SampleRuns.LoginScenario),
            (BudgetMetric.P99, SampleRuns.LoginScenario),
            (BudgetMetric.ErrorRate, SampleRuns.LoginScenario),
            (BudgetMetric.P95, SampleRuns.Login),
            (BudgetMetric.Max, "GET /missing/"));
        verdict.PassedChecks.Select(c => c.Metric).Should().Equal(BudgetMetric.P95, BudgetMetric.MaxSkippedArrivals);
    }

    [Fact]
    public void Skipped_arrivals_on_an_endpoint_are_rejected()
    {
        var budget = new ScenarioBudget(SampleRuns.LoginScenario, "smoke", BudgetLimits.None,
            [new EndpointBudget(SampleRuns.Login, new BudgetLimits(MaxSkippedArrivals: 0))]);

        var evaluate = () => BudgetEvaluator.Evaluate(Run, budget);

        evaluate.Should().Throw<ArgumentException>().WithMessage("*skipped arrivals*per scenario*");
    }
}
