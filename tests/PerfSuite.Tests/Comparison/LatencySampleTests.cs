using HdrHistogram;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Tests.Comparison;

public sealed class LatencySampleTests
{
    [Theory]
    [InlineData(50)]
    [InlineData(95)]
    [InlineData(99)]
    [InlineData(100)]
    public void Percentiles_of_pooled_samples_equal_those_of_the_merged_HdrHistogram(double percentile)
    {
        var random = new Random(3);
        var rounds = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 500).Select(_ => (long)random.Next(100, 90_000)).ToList()).ToList();
        var merged = LatencyHistograms.Create();
        rounds.SelectMany(r => r).ToList().ForEach(v => merged.RecordValue(v));

        var pooled = LatencySample.PercentileMs([.. rounds.Select(LatencySample.FromMicroseconds)], percentile);

        pooled.Should().Be(merged.HighestEquivalentValue(merged.GetValueAtPercentile(percentile)) / 1000.0);
    }

    [Fact]
    public void A_round_drawn_twice_counts_twice()
    {
        var fast = LatencySample.FromMicroseconds(Enumerable.Repeat(1_000L, 100));
        var slow = LatencySample.FromMicroseconds(Enumerable.Repeat(9_000L, 100));

        var median = LatencySample.PercentileMs([fast, slow, slow], 50);

        median.Should().BeApproximately(9.0, 0.01);
    }

    [Fact]
    public void An_empty_pool_has_no_percentile()
    {
        LatencySample.PercentileMs([LatencySample.Empty], 95).Should().Be(double.NaN);
    }
}
