using System.Collections;

namespace PerfSuite.Engine.Load;

/// <summary>The starts of a whole plan that belong to one <see cref="LoadShard"/>: whole-plan starts r, r+N, r+2N, ….</summary>
internal sealed class ShardStarts : IReadOnlyList<PlannedPhaseStart>
{
    private readonly int _first;
    private readonly int _stride;

    public ShardStarts(IReadOnlyList<PlannedPhaseStart> whole, LoadShard shard)
    {
        Whole = whole;
        _first = shard.Index - 1;
        _stride = shard.Count;
        Count = whole.Count <= _first ? 0 : ((whole.Count - _first - 1) / _stride) + 1;
    }

    /// <summary>The unsharded starts.</summary>
    public IReadOnlyList<PlannedPhaseStart> Whole { get; }

    public int Count { get; }

    public PlannedPhaseStart this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return Whole[GlobalIndex(index)];
        }
    }

    /// <summary>The index in the whole plan of this shard's start <paramref name="index"/>.</summary>
    public int GlobalIndex(int index) => _first + (index * _stride);

    public IEnumerator<PlannedPhaseStart> GetEnumerator()
    {
        for (var k = 0; k < Count; k++)
        {
            yield return this[k];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
