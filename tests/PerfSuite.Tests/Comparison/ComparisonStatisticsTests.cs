using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Tests.Comparison;

public sealed class ComparisonStatisticsTests
{
    private static readonly ComparisonTolerance Tolerance = ComparisonTolerance.Default;

    [Fact]
    public void Identical_rounds_are_no_change_with_a_ratio_of_exactly_one()
    {
        var rounds = SyntheticRounds.Create(6, 300, 5, 0.4, seed: 1);

        var result = ComparisonStatistics.Compare("GET /x", false, rounds, rounds, Tolerance);

        result.Metrics.Should().OnlyContain(m => m.Verdict == ComparisonVerdict.NoChange);
        result.Metrics.Single(m => m.Metric == ComparisonMetric.P95).Estimate.Should().Be(1);
    }

    public static TheoryData<string, double, double, ComparisonVerdict, ComparisonVerdict> Distributions => new()
    {
        // case, candidate median (baseline 5 ms), candidate log-spread (baseline 0.3), expected p50, expected p95
        { "another draw of the same distribution", 5, 0.3, ComparisonVerdict.NoChange, ComparisonVerdict.NoChange },
        { "shifted 40 % slower", 7, 0.3, ComparisonVerdict.Regression, ComparisonVerdict.Regression },
        { "shifted 30 % faster", 3.5, 0.3, ComparisonVerdict.Improvement, ComparisonVerdict.Improvement },
        { "wider, same median", 5, 0.7, ComparisonVerdict.NoChange, ComparisonVerdict.Regression },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Synthetic_candidates_get_the_verdict_their_distribution_deserves(
        string description, double candidateMedianMs, double candidateSigma, ComparisonVerdict expectedP50, ComparisonVerdict expectedP95)
    {
        var baseline = SyntheticRounds.Create(6, 400, 5, 0.3, seed: 1);
        var candidate = SyntheticRounds.Create(6, 400, candidateMedianMs, candidateSigma, seed: 2);

        var result = ComparisonStatistics.Compare(description, false, baseline, candidate, Tolerance);

        Verdict(result, ComparisonMetric.P50).Should().Be(expectedP50, description);
        Verdict(result, ComparisonMetric.P95).Should().Be(expectedP95, description);
    }

    [Fact]
    public void Noisy_rounds_without_a_true_change_are_inconclusive_not_a_regression()
    {
        // Each round of each side is scaled by its own factor between 0.6 and 1.6: the machine's noise, not the change.
        var noise = new Random(7);
        var factors = Enumerable.Range(0, 12).Select(_ => 0.6 + noise.NextDouble()).ToArray();
        var baseline = SyntheticRounds.Create(6, 300, 5, 0.3, seed: 1, roundFactor: i => factors[i]);
        var candidate = SyntheticRounds.Create(6, 300, 5, 0.3, seed: 2, roundFactor: i => factors[i + 6]);

        var result = ComparisonStatistics.Compare("GET /x", false, baseline, candidate, Tolerance);

        Verdict(result, ComparisonMetric.P95).Should().Be(ComparisonVerdict.Inconclusive);
        result.Metrics.Single(m => m.Metric == ComparisonMetric.P95).Reason.Should().Contain("too noisy");
        result.Regressions.Should().BeEmpty();
    }

    [Fact]
    public void Drift_that_hits_both_sides_of_a_round_alike_cancels_in_the_pairing()
    {
        // The machine gets twice as slow over the run; both sides of each round see the same factor; the candidate is 40 % slower.
        var baseline = SyntheticRounds.Create(6, 400, 5, 0.3, seed: 1, roundFactor: i => 1 + (i * 0.2));
        var candidate = SyntheticRounds.Create(6, 400, 7, 0.3, seed: 2, roundFactor: i => 1 + (i * 0.2));

        var result = ComparisonStatistics.Compare("GET /x", false, baseline, candidate, Tolerance);

        Verdict(result, ComparisonMetric.P95).Should().Be(ComparisonVerdict.Regression);
    }

    [Fact]
    public void Too_few_latencies_above_p99_make_p99_inconclusive_and_say_how_many_are_needed()
    {
        var baseline = SyntheticRounds.Create(6, 20, 5, 0.3, seed: 1);
        var candidate = SyntheticRounds.Create(6, 20, 9, 0.3, seed: 2);

        var result = ComparisonStatistics.Compare("GET /x", false, baseline, candidate, Tolerance);

        Verdict(result, ComparisonMetric.P99).Should().Be(ComparisonVerdict.Inconclusive);
        result.Metrics.Single(m => m.Metric == ComparisonMetric.P99).Reason.Should().Contain("needs 500 a side");
    }

    [Fact]
    public void Failures_appearing_in_the_candidate_are_an_error_rate_regression()
    {
        var baseline = SyntheticRounds.Create(6, 200, 5, 0.3, seed: 1);
        var candidate = SyntheticRounds.Create(6, 200, 5, 0.3, seed: 2, failedPerRound: 10);

        var result = ComparisonStatistics.Compare("GET /x", false, baseline, candidate, Tolerance);

        var errors = result.Metrics.Single(m => m.Metric == ComparisonMetric.ErrorRate);
        errors.Verdict.Should().Be(ComparisonVerdict.Regression);
        errors.Estimate.Should().BeApproximately(0.05, 1e-9);
    }

    [Fact]
    public void One_stored_baseline_round_gives_a_point_estimate_without_interval_and_says_the_spread_is_unknown()
    {
        var baseline = SyntheticRounds.Create(1, 1000, 5, 0.3, seed: 1);
        var candidate = SyntheticRounds.Create(1, 1000, 8, 0.3, seed: 2);

        var result = ComparisonStatistics.Compare("GET /x", false, baseline, candidate, Tolerance);

        var p95 = result.Metrics.Single(m => m.Metric == ComparisonMetric.P95);
        p95.Low.Should().BeNull();
        p95.Verdict.Should().Be(ComparisonVerdict.Regression);
        p95.Reason.Should().Contain("spread unknown");
    }

    public static TheoryData<ComparisonMetric, double, double, double, ComparisonVerdict> Verdicts => new()
    {
        { ComparisonMetric.P95, 1.30, 1.15, 1.50, ComparisonVerdict.Regression },
        { ComparisonMetric.P95, 1.30, 1.05, 1.50, ComparisonVerdict.Inconclusive },
        { ComparisonMetric.P95, 1.02, 0.95, 1.08, ComparisonVerdict.NoChange },
        { ComparisonMetric.P95, 0.70, 0.60, 0.85, ComparisonVerdict.Improvement },
        { ComparisonMetric.Throughput, 0.70, 0.60, 0.85, ComparisonVerdict.Regression },
        { ComparisonMetric.Throughput, 1.30, 1.15, 1.50, ComparisonVerdict.Improvement },
        { ComparisonMetric.ErrorRate, 0.05, 0.02, 0.08, ComparisonVerdict.Regression },
        { ComparisonMetric.ErrorRate, 0.005, -0.005, 0.009, ComparisonVerdict.NoChange },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void The_verdict_needs_the_whole_interval_beyond_the_tolerance(ComparisonMetric metric, double estimate, double low, double high, ComparisonVerdict expected)
    {
        var verdict = ComparisonStatistics.Verdict(metric, estimate, low, high, Tolerance.For(metric));

        verdict.Should().Be(expected);
    }

    [Fact]
    public void Several_baseline_rounds_must_pair_one_to_one_with_candidate_rounds()
    {
        var act = () => ComparisonStatistics.Compare("GET /x", false, SyntheticRounds.Create(3, 10, 5, 0.3, 1), SyntheticRounds.Create(4, 10, 5, 0.3, 2), Tolerance);

        act.Should().Throw<ArgumentException>().WithMessage("*baseline 3, candidate 4*");
    }

    private static ComparisonVerdict Verdict(ScopeComparison scope, ComparisonMetric metric) => scope.Metrics.Single(m => m.Metric == metric).Verdict;
}
