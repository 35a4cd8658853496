using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Tests.Comparison;

/// <summary>The bootstrap's one pool per resample gives every metric exactly as pooling the drawn rounds for each metric did.</summary>
public sealed class RoundPoolTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 2, 3, 4 })]
    [InlineData(new[] { 2, 2, 2, 2, 2 })]
    [InlineData(new[] { 4, 0, 4, 1, 1 })]
    [InlineData(new[] { 3 })]
    public void Every_metric_of_a_resample_equals_the_metric_of_the_drawn_rounds_pooled_one_by_one(int[] draw)
    {
        var rounds = SyntheticRounds.Create(5, 300, 40, 0.6, seed: 7, roundFactor: i => 1 + (0.1 * i), failedPerRound: 3);
        rounds[1] = rounds[1] with { FailedRequests = 0, Seconds = 7.5 };
        var drawn = draw.Select(i => rounds[i]).ToList();

        var values = new RoundPool(rounds).Values(draw);

        values[(int)ComparisonMetric.P50].Should().Be(LatencySample.PercentileMs([.. drawn.Select(r => r.Latency)], 50));
        values[(int)ComparisonMetric.P95].Should().Be(LatencySample.PercentileMs([.. drawn.Select(r => r.Latency)], 95));
        values[(int)ComparisonMetric.P99].Should().Be(LatencySample.PercentileMs([.. drawn.Select(r => r.Latency)], 99));
        values[(int)ComparisonMetric.ErrorRate].Should().Be((double)drawn.Sum(r => r.FailedRequests) / drawn.Sum(r => r.Requests));
        values[(int)ComparisonMetric.Throughput].Should().Be(drawn.Sum(r => r.Requests) / drawn.Sum(r => r.Seconds));
    }

    [Fact]
    public void Rounds_without_latencies_have_no_percentile_and_no_error_rate()
    {
        var empty = new RoundFigures(LatencySample.Empty, 0, 0, 10);

        var values = new RoundPool([empty, empty]).Values([0, 1]);

        values[(int)ComparisonMetric.P95].Should().Be(double.NaN);
        values[(int)ComparisonMetric.ErrorRate].Should().Be(0);
    }
}
