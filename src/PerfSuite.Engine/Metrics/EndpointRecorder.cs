using System.Collections.Concurrent;
using System.Globalization;
using HdrHistogram;

namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Counters and latency histogram of one endpoint of one scenario. Recording is lock-free and allocation-free:
/// <see cref="Interlocked"/> counters, status codes in a fixed array, a concurrent HdrHistogram.
/// </summary>
internal sealed class EndpointRecorder(int scenarioIndex, string name, string kind)
{
    private const int FirstCode = 100;
    private const int LastCode = 599;

    // Index 0 holds code 0 (Socket.IO operations); index c - 99 holds HTTP status c.
    private readonly long[] _codes = new long[LastCode - FirstCode + 2];
    private readonly long[] _errors = new long[ErrorKinds.Count];

    // Named errors by their kind, for the live view (the summary keeps them by name in _rareKeys).
    private readonly long[] _namedErrors = new long[ErrorKinds.Count];
    private readonly ConcurrentDictionary<string, long> _rareKeys = new(StringComparer.Ordinal);
    private long _requests;
    private long _failed;

    // The slowest requests' traceparents (trace context on): a min-heap of fixed size, its root the fastest kept.
    // Below the root's latency (read without the lock) a request is dropped at once, so the lock is rarely taken.
    private (long Microseconds, string TraceParent)[]? _slowest;
    private int _slowCount;
    private long _slowFloor = -1;

    public int ScenarioIndex { get; } = scenarioIndex;

    public string Name { get; } = name;

    public string Kind { get; } = kind;

    public HistogramBase Histogram { get; } = LatencyHistograms.CreateConcurrent();

    // Per-second intervals (LoadRunOptions.EndpointIntervals): a lock-free HdrHistogram Recorder the sampler swaps out
    // once a second; null when off, so the hot path pays one null check.
    private Recorder? _interval;
    private HistogramBase? _recycled;
    private readonly List<string?> _seconds = [];

    /// <summary>Records latencies second by second too; call before the run.</summary>
    public void RecordIntervals() =>
        _interval = new Recorder(1, LatencyHistograms.HighestMicroseconds, LatencyHistograms.SignificantDigits, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));

    /// <summary>Closes the current second (the sampler, with the time series' second); nothing when intervals are off.</summary>
    public void CloseSecond()
    {
        if (_interval is null)
        {
            return;
        }

        lock (_seconds)
        {
            var interval = _interval.GetIntervalHistogram(_recycled);
            _recycled = interval;
            _seconds.Add(interval.TotalCount == 0 ? null : LatencyHistograms.Encode(interval));
        }
    }

    // The closed seconds, padded to the series' length; a response recorded after the last closed second (a straggler
    // of the drain) goes to the last one, so the seconds add up to the total exactly.
    private List<string?>? Seconds(int seconds)
    {
        if (_interval is null)
        {
            return null;
        }

        lock (_seconds)
        {
            var all = new List<string?>(_seconds);
            while (all.Count < Math.Max(1, seconds))
            {
                all.Add(null);
            }

            var late = _interval.GetIntervalHistogram();
            if (late.TotalCount > 0)
            {
                var last = all[^1] is { } encoded ? LatencyHistograms.Decode(encoded) : LatencyHistograms.Create();
                last.Add(late);
                all[^1] = LatencyHistograms.Encode(last);
            }

            return all;
        }
    }

    public void RecordResponse(long microseconds, int status, bool failed)
    {
        Histogram.RecordValue(LatencyHistograms.Clamp(microseconds));
        _interval?.RecordValue(LatencyHistograms.Clamp(microseconds));
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }

        if (status == 0)
        {
            Interlocked.Increment(ref _codes[0]);
        }
        else if (status is >= FirstCode and <= LastCode)
        {
            Interlocked.Increment(ref _codes[status - FirstCode + 1]);
        }
        else
        {
            _rareKeys.AddOrUpdate("code:" + status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        }
    }

    /// <summary>Keeps the N slowest requests' traceparents (N from <paramref name="capacity"/>); call before the run.</summary>
    public void KeepSlowest(int capacity) => _slowest = new (long, string)[capacity];

    public void RecordSlow(long microseconds, string traceParent)
    {
        var heap = _slowest;
        if (heap is null || microseconds <= Volatile.Read(ref _slowFloor))
        {
            return;
        }

        lock (heap)
        {
            if (_slowCount < heap.Length)
            {
                // Sift up.
                var i = _slowCount++;
                heap[i] = (microseconds, traceParent);
                while (i > 0 && heap[(i - 1) / 2].Microseconds > heap[i].Microseconds)
                {
                    (heap[i], heap[(i - 1) / 2]) = (heap[(i - 1) / 2], heap[i]);
                    i = (i - 1) / 2;
                }
            }
            else if (microseconds > heap[0].Microseconds)
            {
                // Replace the root and sift down.
                heap[0] = (microseconds, traceParent);
                var i = 0;
                while (true)
                {
                    var smallest = i;
                    var left = (2 * i) + 1;
                    var right = left + 1;
                    if (left < heap.Length && heap[left].Microseconds < heap[smallest].Microseconds)
                    {
                        smallest = left;
                    }

                    if (right < heap.Length && heap[right].Microseconds < heap[smallest].Microseconds)
                    {
                        smallest = right;
                    }

                    if (smallest == i)
                    {
                        break;
                    }

                    (heap[i], heap[smallest]) = (heap[smallest], heap[i]);
                    i = smallest;
                }
            }

            if (_slowCount == heap.Length)
            {
                Volatile.Write(ref _slowFloor, heap[0].Microseconds);
            }
        }
    }

    /// <summary>The slowest requests kept, slowest first.</summary>
    public IReadOnlyList<SlowRequest> Slowest()
    {
        if (_slowest is not { } heap)
        {
            return [];
        }

        lock (heap)
        {
            return heap.Take(_slowCount).OrderByDescending(s => s.Microseconds)
                .Select(s => new SlowRequest(s.Microseconds / 1000.0, Tracing.TraceHeaders.TraceId(s.TraceParent))).ToList();
        }
    }

    public void RecordTransportError(ErrorKind kind, string? detail)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _failed);
        RecordError(kind, detail);
    }

    public void RecordError(ErrorKind kind, string? detail)
    {
        // Named errors (an exception type, a check's name) are rare and open-ended, so they go to the dictionary.
        if (detail is not null)
        {
            Interlocked.Increment(ref _namedErrors[(int)kind]);
            _rareKeys.AddOrUpdate("error:" + ErrorKinds.ToKey(kind) + ":" + detail, 1, (_, n) => n + 1);
            return;
        }

        Interlocked.Increment(ref _errors[(int)kind]);
    }

    /// <summary>Adds this endpoint's errors so far, named ones under their kind, to <paramref name="byKind"/> (indexed by <see cref="ErrorKind"/>).</summary>
    public void AddErrorCounts(long[] byKind)
    {
        for (var i = 0; i < _errors.Length; i++)
        {
            byKind[i] += Volatile.Read(ref _errors[i]) + Volatile.Read(ref _namedErrors[i]);
        }
    }

    /// <summary>The endpoint's figures; <paramref name="seconds"/> is the time series' length, for the per-second intervals.</summary>
    public EndpointSummary ToSummary(int seconds = 0)
    {
        var codes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _codes.Length; i++)
        {
            var count = Volatile.Read(ref _codes[i]);
            if (count > 0)
            {
                codes[i == 0 ? "0" : (i + FirstCode - 1).ToString(CultureInfo.InvariantCulture)] = count;
            }
        }

        for (var i = 0; i < _errors.Length; i++)
        {
            var count = Volatile.Read(ref _errors[i]);
            if (count > 0)
            {
                errors[ErrorKinds.ToKey((ErrorKind)i)] = count;
            }
        }

        foreach (var (key, count) in _rareKeys)
        {
            if (key.StartsWith("code:", StringComparison.Ordinal))
            {
                codes[key["code:".Length..]] = count;
            }
            else
            {
                errors[key["error:".Length..]] = count;
            }
        }

        var intervals = Seconds(seconds);
        var snapshot = Histogram.Copy();
        return new EndpointSummary(
            Name,
            Kind,
            Volatile.Read(ref _requests),
            Volatile.Read(ref _failed),
            LatencyHistograms.Stats(snapshot),
            codes,
            errors,
            LatencyHistograms.Encode(snapshot))
        {
            SlowestRequests = Slowest(),
            Seconds = intervals,
        };
    }
}
