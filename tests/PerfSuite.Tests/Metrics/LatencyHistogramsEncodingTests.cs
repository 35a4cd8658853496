using PerfSuite.Engine.Metrics;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Metrics;

public sealed class LatencyHistogramsEncodingTests
{
    [Fact]
    public void Encoded_histogram_decodes_to_the_same_counts_and_percentiles()
    {
        var histogram = LatencyHistograms.Create();
        foreach (var micros in new long[] { 1, 850, 12_000, 12_001, 250_000, 3_600_000_000 })
        {
            histogram.RecordValue(micros);
        }

        var decoded = LatencyHistograms.Decode(LatencyHistograms.Encode(histogram));

        decoded.TotalCount.Should().Be(6);
        SampleRuns.Stats(decoded).Should().Be(SampleRuns.Stats(histogram));
    }

    [Fact]
    public void Empty_text_decodes_to_an_empty_histogram()
    {
        var decoded = LatencyHistograms.Decode(string.Empty);

        decoded.TotalCount.Should().Be(0);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGEgaGlzdG9ncmFt")]
    [InlineData("AAAA")]
    [InlineData("HISTFAAAACR42pNpmSzMwMDAwwABzFCaEUzOmTlz5gxGBgYGRiYGBgA")]
    [InlineData("HISTFAAAAB542pNpmSzMwMDABMQMQMzIwMDAAAAdQAG+")]
    public void Text_that_is_not_a_histogram_is_a_format_error(string text)
    {
        var decode = () => LatencyHistograms.Decode(text);

        decode.Should().Throw<FormatException>();
    }
}
