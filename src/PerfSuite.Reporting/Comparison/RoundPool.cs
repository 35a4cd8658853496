namespace PerfSuite.Reporting.Comparison;

/// <summary>
/// One side's rounds laid out once for the bootstrap: every distinct latency of every round on one sorted axis, each
/// round's counts as slots on it. Pooling a resample of rounds is then one sparse addition per drawn round, and every
/// metric of the resample comes from that one pool (the percentiles in one scan), exactly as
/// <see cref="LatencySample.PercentileMs"/> over the drawn rounds would give them.
/// </summary>
internal sealed class RoundPool
{
    private static readonly ComparisonMetric[] Metrics = Enum.GetValues<ComparisonMetric>();

    private readonly IReadOnlyList<RoundFigures> _rounds;
    private readonly long[] _values;
    private readonly int[][] _slots;
    private readonly long[] _pooled;

    public RoundPool(IReadOnlyList<RoundFigures> rounds)
    {
        _rounds = rounds;
        _values = [.. rounds.SelectMany(r => r.Latency.DistinctValues).Distinct().Order()];
        _slots = [.. rounds.Select(r => r.Latency.DistinctValues.Select(v => Array.BinarySearch(_values, v)).ToArray())];
        _pooled = new long[_values.Length];
    }

    /// <summary>Every metric's value over the rounds at <paramref name="indices"/> (a round drawn twice counts twice), indexed by <see cref="ComparisonMetric"/>.</summary>
    /// <param name="indices">Round indices, with repeats.</param>
    public double[] Values(IReadOnlyList<int> indices)
    {
        Array.Clear(_pooled);
        long total = 0, requests = 0, failed = 0;
        var seconds = 0.0;
        foreach (var i in indices)
        {
            var round = _rounds[i];
            var (slots, counts) = (_slots[i], round.Latency.Counts);
            for (var k = 0; k < slots.Length; k++)
            {
                _pooled[slots[k]] += counts[k];
            }

            total += round.Latency.TotalCount;
            requests += round.Requests;
            failed += round.FailedRequests;
            seconds += round.Seconds;
        }

        var result = new double[Metrics.Length];
        foreach (var metric in Metrics)
        {
            result[(int)metric] = metric switch
            {
                ComparisonMetric.P50 => PercentileMs(total, 50),
                ComparisonMetric.P95 => PercentileMs(total, 95),
                ComparisonMetric.P99 => PercentileMs(total, 99),
                ComparisonMetric.ErrorRate => requests == 0 ? 0 : (double)failed / requests,
                _ => requests / seconds,
            };
        }

        return result;
    }

    private double PercentileMs(long total, double percentile)
    {
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long cumulative = 0;
        for (var j = 0; j < _values.Length; j++)
        {
            cumulative += _pooled[j];
            if (cumulative >= rank)
            {
                return _values[j] / 1000.0;
            }
        }

        return _values[^1] / 1000.0;
    }
}
