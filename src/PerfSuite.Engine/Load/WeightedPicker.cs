namespace PerfSuite.Engine.Load;

/// <summary>Picks an index with probability weight / Σ weights from a seeded random source. Not thread-safe.</summary>
internal sealed class WeightedPicker
{
    private readonly long[] _cumulative;
    private readonly Random _random;

    public WeightedPicker(IReadOnlyList<int> weights, Random random)
    {
        _cumulative = new long[weights.Count];
        long sum = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += Math.Max(0, weights[i]);
            _cumulative[i] = sum;
        }

        _random = random;
    }

    public int Next()
    {
        var total = _cumulative[^1];
        if (total <= 0)
        {
            return 0;
        }

        var draw = _random.NextInt64(total);
        var index = Array.BinarySearch(_cumulative, draw + 1);
        return index >= 0 ? index : ~index;
    }
}
