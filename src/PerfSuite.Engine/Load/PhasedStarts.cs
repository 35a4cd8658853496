using System.Collections;

namespace PerfSuite.Engine.Load;

/// <summary>The starts of every phase, one phase after the other, offset by the phases before; computed on demand.</summary>
internal sealed class PhasedStarts : IReadOnlyList<PlannedPhaseStart>
{
    private readonly IReadOnlyList<PlannedStart>[] _phases;
    private readonly TimeSpan[] _phaseStarts;
    private readonly int[] _firstIndex;

    public PhasedStarts(IReadOnlyList<LoadPhase> phases)
    {
        _phases = phases.Select(p => p.Plan()).ToArray();
        _phaseStarts = new TimeSpan[phases.Count];
        _firstIndex = new int[phases.Count];
        var start = TimeSpan.Zero;
        var index = 0;
        for (var i = 0; i < phases.Count; i++)
        {
            _phaseStarts[i] = start;
            _firstIndex[i] = index;
            start += phases[i].Duration;
            index = checked(index + _phases[i].Count);
        }

        Count = index;
    }

    public int Count { get; }

    public PlannedPhaseStart this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var phase = Array.BinarySearch(_firstIndex, index);

            // Empty phases share a first index with the next one: take the last phase that starts at or before it.
            phase = phase >= 0 ? LastWithFirstIndex(phase) : ~phase - 1;
            return At(phase, _phases[phase][index - _firstIndex[phase]]);
        }
    }

    public IEnumerator<PlannedPhaseStart> GetEnumerator()
    {
        for (var phase = 0; phase < _phases.Length; phase++)
        {
            foreach (var start in _phases[phase])
            {
                yield return At(phase, start);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private PlannedPhaseStart At(int phase, PlannedStart start) =>
        new(_phaseStarts[phase] + start.Offset, _phaseStarts[phase] + start.LoopUntil, phase);

    private int LastWithFirstIndex(int phase)
    {
        while (phase + 1 < _firstIndex.Length && _firstIndex[phase + 1] == _firstIndex[phase])
        {
            phase++;
        }

        return phase;
    }
}
