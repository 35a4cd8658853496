using System.Collections;

namespace PerfSuite.Engine.Load;

/// <summary>
/// The arrivals of one <see cref="ArrivalPhase"/> as a list computed on demand: arrival k is due when the integral
/// of the rate reaches k. Constant memory, so an hour at 1000/s does not hold 3.6 million offsets.
/// </summary>
internal sealed class ArrivalOffsets : IReadOnlyList<PlannedStart>
{
    private readonly double _from;
    private readonly double _halfSlope;
    private readonly double _seconds;

    public ArrivalOffsets(double from, double to, double seconds)
    {
        _from = from;
        _seconds = seconds;
        _halfSlope = (to - from) / (2 * seconds);

        // The tolerance keeps 30 s × 30/s from planning a 901st arrival through rounding.
        var total = (from + to) / 2 * seconds;
        Count = (int)Math.Min(int.MaxValue, Math.Ceiling(total - 1e-9));
    }

    public int Count { get; }

    public PlannedStart this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var t = Math.Min(TimeOfIntegral(index), _seconds);
            return new PlannedStart(TimeSpan.FromTicks((long)Math.Round(t * TimeSpan.TicksPerSecond)));
        }
    }

    public IEnumerator<PlannedStart> GetEnumerator()
    {
        for (var k = 0; k < Count; k++)
        {
            yield return this[k];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Solves from·t + halfSlope·t² = k for t >= 0 in the form that stays stable when the slope is zero or negative.
    private double TimeOfIntegral(long k)
    {
        if (k == 0)
        {
            return 0;
        }

        var discriminant = Math.Max(0, (_from * _from) + (4 * _halfSlope * k));
        return 2.0 * k / (_from + Math.Sqrt(discriminant));
    }
}
