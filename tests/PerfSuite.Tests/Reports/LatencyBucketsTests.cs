using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;

namespace PerfSuite.Tests.Reports;

public sealed class LatencyBucketsTests
{
    [Fact]
    public void Samples_fall_into_1_2_5_millisecond_buckets_from_the_first_to_the_last_used()
    {
        var histogram = LatencyHistograms.Create();
        histogram.RecordValueWithCount(1_500, 3);
        histogram.RecordValueWithCount(2_000, 1);
        histogram.RecordValueWithCount(40_000, 5);
        histogram.RecordValue(30_000_000);

        var buckets = LatencyBuckets.From(LatencyHistograms.Encode(histogram));

        buckets.Select(b => b.Label).Should().Equal(
            "≤2", "≤5", "≤10", "≤20", "≤50", "≤100", "≤200", "≤500", "≤1000", "≤2000", "≤5000", "≤10000", "≤20000", "≤50000");
        buckets.Select(b => b.Count).Should().Equal(4, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    }

    [Fact]
    public void An_empty_histogram_has_no_buckets()
    {
        var buckets = LatencyBuckets.From(string.Empty);

        buckets.Should().BeEmpty();
    }
}
