using HdrHistogram;
using HdrHistogram.Utilities;

namespace PerfSuite.Engine.Metrics;

/// <summary>
/// The one histogram configuration of PerfSuite (microseconds, 1 µs to 1 h, 3 significant digits) and its exact,
/// mergeable encoding (HdrHistogram V2 compressed, base64), so runs and shards can be merged later.
/// </summary>
public static class LatencyHistograms
{
    /// <summary>Highest trackable latency: one hour, in microseconds.</summary>
    public const long HighestMicroseconds = 3_600_000_000;

    /// <summary>Significant value digits kept (relative error below 0.1 %).</summary>
    public const int SignificantDigits = 3;

    /// <summary>Creates an empty histogram safe for concurrent recording (lock-free, no allocation per sample).</summary>
    public static HistogramBase CreateConcurrent() => new LongConcurrentHistogram(1, HighestMicroseconds, SignificantDigits);

    /// <summary>Creates an empty single-threaded histogram, e.g. to merge others into.</summary>
    public static HistogramBase Create() => new LongHistogram(1, HighestMicroseconds, SignificantDigits);

    /// <summary>Clamps a latency in microseconds into the trackable range 1 µs .. 1 h.</summary>
    /// <param name="microseconds">Measured latency in microseconds.</param>
    public static long Clamp(long microseconds) => Math.Clamp(microseconds, 1, HighestMicroseconds);

    /// <summary>Encodes a histogram compressed and base64; never empty, also for an empty histogram.</summary>
    /// <param name="histogram">The histogram to encode.</param>
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        // ByteBuffer exposes no bulk read in 2.5.0, so the encoded prefix is copied out byte by byte.
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes a histogram written by <see cref="Encode"/>; counts and percentiles are identical to the original.</summary>
    /// <param name="encoded">Base64 of the compressed encoding; empty text decodes to an empty histogram.</param>
    /// <exception cref="FormatException">The text is not a valid encoded histogram.</exception>
    public static HistogramBase Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0)
        {
            return Create();
        }

        var bytes = Convert.FromBase64String(encoded);
        try
        {
            return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), HighestMicroseconds);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or IOException)
        {
            throw new FormatException("The text is not an HdrHistogram compressed encoding.", e);
        }
    }

    /// <summary>Merges encoded histograms exactly (HdrHistogram Add) into a new histogram.</summary>
    /// <param name="encoded">Histograms written by <see cref="Encode"/>.</param>
    public static HistogramBase Merge(IEnumerable<string> encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var merged = Create();
        foreach (var item in encoded)
        {
            merged.Add(Decode(item));
        }

        return merged;
    }

    /// <summary>
    /// Per-second intervals of several parts of one endpoint added second by second (the longest list's length);
    /// <c>null</c> unless every part has them, so the seconds always add up to the merged total.
    /// </summary>
    /// <param name="parts">Each part's seconds (<see cref="EndpointSummary.Seconds"/>), second 0 first.</param>
    public static IReadOnlyList<string?>? AddSeconds(IReadOnlyList<IReadOnlyList<string?>?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0 || parts.Any(p => p is null))
        {
            return null;
        }

        return [.. Enumerable.Range(0, parts.Max(p => p!.Count)).Select(i =>
        {
            var inSecond = parts.Select(p => i < p!.Count ? p[i] : null).OfType<string>().ToList();
            return inSecond.Count switch
            {
                0 => null,
                1 => inSecond[0],
                _ => LatencyHistograms.Encode(Merge(inSecond)),
            };
        })];
    }

    /// <summary>Percentiles of a microsecond histogram, in milliseconds; <see cref="LatencyStats.Empty"/> when it has no sample.</summary>
    /// <param name="histogram">A histogram of microseconds.</param>
    public static LatencyStats Stats(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return LatencyStats.Empty;
        }

        var min = histogram.RecordedValues().First().ValueIteratedTo;
        return new LatencyStats(
            count,
            ToMs(histogram.LowestEquivalentValue(min)),
            histogram.GetMean() / 1000.0,
            ToMs(histogram.GetValueAtPercentile(50)),
            ToMs(histogram.GetValueAtPercentile(90)),
            ToMs(histogram.GetValueAtPercentile(95)),
            ToMs(histogram.GetValueAtPercentile(99)),
            ToMs(histogram.GetValueAtPercentile(99.9)),
            ToMs(histogram.GetMaxValue()));
    }

    private static double ToMs(long microseconds) => microseconds / 1000.0;
}
