using HdrHistogram;

namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Per-second figures of the whole run, warm-up included. Writers only touch <see cref="Interlocked"/> counters and
/// a lock-free HdrHistogram <see cref="Recorder"/>; the once-a-second sampler swaps the interval out. Arrivals are
/// bucketed by the second they were due in (known from the plan), so that column is exact whatever the timer jitter.
/// </summary>
internal sealed class SeriesRecorder(TimeSpan plannedDuration)
{
    private readonly long[] _arrivalsBySecond = new long[(int)Math.Ceiling(plannedDuration.TotalSeconds) + 1];
    private readonly long[] _skippedBySecond = new long[(int)Math.Ceiling(plannedDuration.TotalSeconds) + 1];
    private readonly Recorder _latency = new(1, LatencyHistograms.HighestMicroseconds, LatencyHistograms.SignificantDigits, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));
    private readonly List<TimeSeriesPoint> _points = [];
    private readonly object _samplerGate = new();
    private HistogramBase? _recycled;
    private long _requests;
    private long _errors;
    private int _active;

    public int ActiveUsers => Volatile.Read(ref _active);

    public void Arrival(TimeSpan due, bool skipped)
    {
        var second = Math.Clamp((int)due.TotalSeconds, 0, _arrivalsBySecond.Length - 1);
        Interlocked.Increment(ref _arrivalsBySecond[second]);
        if (skipped)
        {
            Interlocked.Increment(ref _skippedBySecond[second]);
        }
    }

    public void UserStarted()
    {
        Interlocked.Increment(ref _active);
        EngineMeter.ActiveUsers.Add(1);
    }

    public void UserEnded()
    {
        Interlocked.Decrement(ref _active);
        EngineMeter.ActiveUsers.Add(-1);
    }

    public void Request(long microseconds, bool failed)
    {
        _latency.RecordValue(LatencyHistograms.Clamp(microseconds));
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    public void TransportError()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _errors);
    }

    /// <summary>Closes the current second and returns its point plus its latency histogram (valid until the next call).</summary>
    public (TimeSeriesPoint Point, HistogramBase Latency) CloseSecond()
    {
        lock (_samplerGate)
        {
            var interval = _latency.GetIntervalHistogram(_recycled);
            _recycled = interval;
            var second = _points.Count;
            var point = new TimeSeriesPoint(
                second,
                ArrivalsIn(_arrivalsBySecond, second),
                ArrivalsIn(_skippedBySecond, second),
                ActiveUsers,
                Interlocked.Exchange(ref _requests, 0),
                Interlocked.Exchange(ref _errors, 0),
                interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(50) / 1000.0,
                interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(95) / 1000.0,
                interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(99) / 1000.0)
            {
                // Once a second, not per request: the cost of exact per-second re-aggregation across shards.
                Latency = interval.TotalCount == 0 ? null : LatencyHistograms.Encode(interval),
            };
            _points.Add(point);
            return (point, interval);
        }
    }

    public IReadOnlyList<TimeSeriesPoint> Points()
    {
        lock (_samplerGate)
        {
            // Arrivals due late in a second may have started after that second was closed: take the final counts.
            return _points
                .Select(p => p with { Arrivals = ArrivalsIn(_arrivalsBySecond, p.Second), Skipped = ArrivalsIn(_skippedBySecond, p.Second) })
                .ToArray();
        }
    }

    private static long ArrivalsIn(long[] bySecond, int second) => second < bySecond.Length ? Volatile.Read(ref bySecond[second]) : 0;
}
