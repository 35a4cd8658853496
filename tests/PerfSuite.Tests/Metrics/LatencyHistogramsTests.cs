using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Metrics;

public sealed class LatencyHistogramsTests
{
    [Fact]
    public void Values_1_to_10000_microseconds_give_p50_within_a_tenth_of_a_percent_and_exact_max()
    {
        var histogram = LatencyHistograms.CreateConcurrent();
        for (long us = 1; us <= 10_000; us++)
        {
            histogram.RecordValue(us);
        }

        var stats = LatencyHistograms.Stats(histogram);

        stats.Count.Should().Be(10_000);
        stats.P50Ms.Should().BeApproximately(5.0, 5.0 * 0.001);
        stats.P99Ms.Should().BeApproximately(9.9, 9.9 * 0.001);
        stats.MinMs.Should().Be(0.001);
        stats.MaxMs.Should().BeApproximately(10.0, 10.0 * 0.001);
        stats.MeanMs.Should().BeApproximately(5.0005, 5.0005 * 0.001);
    }

    [Fact]
    public void An_empty_histogram_gives_empty_stats()
    {
        var stats = LatencyHistograms.Stats(LatencyHistograms.Create());

        stats.Should().Be(LatencyStats.Empty);
    }

    [Fact]
    public void Encode_decode_and_merge_keep_counts_and_percentiles_identical()
    {
        var first = LatencyHistograms.Create();
        var second = LatencyHistograms.Create();
        var both = LatencyHistograms.Create();
        var random = new Random(3);
        for (var i = 0; i < 5_000; i++)
        {
            var a = random.NextInt64(100, 2_000_000);
            var b = random.NextInt64(1, 50_000);
            first.RecordValue(a);
            second.RecordValue(b);
            both.RecordValue(a);
            both.RecordValue(b);
        }

        var merged = LatencyHistograms.Merge([LatencyHistograms.Encode(first), LatencyHistograms.Encode(second)]);

        merged.TotalCount.Should().Be(10_000);
        LatencyHistograms.Stats(merged).Should().Be(LatencyHistograms.Stats(both));
        LatencyHistograms.Stats(LatencyHistograms.Decode(LatencyHistograms.Encode(first))).Should().Be(LatencyHistograms.Stats(first));
    }

    [Fact]
    public void Latencies_outside_1_microsecond_to_1_hour_are_clamped()
    {
        var clamped = new[] { LatencyHistograms.Clamp(0), LatencyHistograms.Clamp(-5), LatencyHistograms.Clamp(long.MaxValue) };

        clamped.Should().Equal(1, 1, LatencyHistograms.HighestMicroseconds);
    }

    [Fact]
    public void Decoding_garbage_is_a_format_error()
    {
        var act = () => LatencyHistograms.Decode(Convert.ToBase64String(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }));

        act.Should().Throw<FormatException>();
    }
}
