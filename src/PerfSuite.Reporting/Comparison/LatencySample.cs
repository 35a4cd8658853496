using HdrHistogram;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Comparison;

/// <summary>
/// The recorded values of one latency histogram as sorted (value, count) pairs, so percentiles of any union of samples
/// (a bootstrap resample of rounds) are exact without re-adding full HdrHistograms. Values are microseconds, each the
/// highest value equivalent to its HdrHistogram bucket, as <c>GetValueAtPercentile</c> reports.
/// </summary>
public sealed class LatencySample
{
    private readonly long[] _values;
    private readonly long[] _counts;

    private LatencySample(long[] values, long[] counts)
    {
        _values = values;
        _counts = counts;
        TotalCount = counts.Sum();
    }

    /// <summary>A sample with no value.</summary>
    public static LatencySample Empty { get; } = new([], []);

    /// <summary>Number of latencies recorded.</summary>
    public long TotalCount { get; }

    /// <summary>The distinct values, ascending (microseconds); not to be changed.</summary>
    internal long[] DistinctValues => _values;

    /// <summary>How often each of <see cref="DistinctValues"/> was recorded; not to be changed.</summary>
    internal long[] Counts => _counts;

    /// <summary>The recorded values of a histogram.</summary>
    /// <param name="histogram">A microsecond histogram.</param>
    public static LatencySample From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var recorded = histogram.RecordedValues().Select(v => (Value: histogram.HighestEquivalentValue(v.ValueIteratedTo), v.CountAtValueIteratedTo)).ToList();
        return new LatencySample([.. recorded.Select(r => r.Value)], [.. recorded.Select(r => r.CountAtValueIteratedTo)]);
    }

    /// <summary>The recorded values of a histogram encoded by <see cref="LatencyHistograms.Encode"/>.</summary>
    /// <param name="encoded">Base64 of the compressed histogram.</param>
    /// <exception cref="FormatException">The text is not an encoded histogram.</exception>
    public static LatencySample FromEncoded(string encoded) => From(LatencyHistograms.Decode(encoded));

    /// <summary>Builds a sample from latencies in microseconds (for tests and synthetic figures), through a real histogram.</summary>
    /// <param name="microseconds">Latencies, each 1 µs .. 1 h.</param>
    public static LatencySample FromMicroseconds(IEnumerable<long> microseconds)
    {
        ArgumentNullException.ThrowIfNull(microseconds);
        var histogram = LatencyHistograms.Create();
        foreach (var value in microseconds)
        {
            histogram.RecordValue(LatencyHistograms.Clamp(value));
        }

        return From(histogram);
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> of the union of <paramref name="samples"/>, in milliseconds, with
    /// HdrHistogram's rule (the smallest value whose cumulative count reaches ⌈p/100 × total⌉); <c>NaN</c> when empty.
    /// </summary>
    /// <param name="samples">The samples to pool; the same sample may appear several times (it then counts several times).</param>
    /// <param name="percentile">0 &lt; p &lt;= 100.</param>
    public static double PercentileMs(IReadOnlyList<LatencySample> samples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var total = samples.Sum(s => s.TotalCount);
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        if (samples.Count == 1 || samples.All(s => ReferenceEquals(s, samples[0])))
        {
            return samples[0].ValueAtRank((rank + samples.Count - 1) / samples.Count) / 1000.0;
        }

        // A k-way walk in value order; the lists are short (a few hundred distinct values per round).
        var positions = new int[samples.Count];
        long cumulative = 0;
        while (true)
        {
            var next = -1;
            for (var i = 0; i < samples.Count; i++)
            {
                if (positions[i] < samples[i]._values.Length && (next < 0 || samples[i]._values[positions[i]] < samples[next]._values[positions[next]]))
                {
                    next = i;
                }
            }

            var value = samples[next]._values[positions[next]];
            cumulative += samples[next]._counts[positions[next]];
            positions[next]++;
            if (cumulative >= rank)
            {
                return value / 1000.0;
            }
        }
    }

    /// <summary>The values at the given percentiles of one sample, in milliseconds (the points of a percentile curve).</summary>
    /// <param name="percentiles">Each 0 &lt; p &lt;= 100.</param>
    public IReadOnlyList<double> PercentilesMs(IEnumerable<double> percentiles) => [.. percentiles.Select(p => PercentileMs([this], p))];

    /// <summary>Merges samples into one (exactly: counts add).</summary>
    /// <param name="samples">The samples.</param>
    public static LatencySample Merge(IEnumerable<LatencySample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var merged = new SortedDictionary<long, long>();
        foreach (var sample in samples)
        {
            for (var i = 0; i < sample._values.Length; i++)
            {
                merged[sample._values[i]] = merged.GetValueOrDefault(sample._values[i]) + sample._counts[i];
            }
        }

        return new LatencySample([.. merged.Keys], [.. merged.Values]);
    }

    private long ValueAtRank(long rank)
    {
        long cumulative = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            cumulative += _counts[i];
            if (cumulative >= rank)
            {
                return _values[i];
            }
        }

        return _values[^1];
    }
}
