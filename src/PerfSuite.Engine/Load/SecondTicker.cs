using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Closes a time-series point every second on the run's <see cref="TimeProvider"/> and reports progress every
/// <see cref="LoadRunOptions.ProgressInterval"/>.
/// </summary>
internal sealed class SecondTicker : IDisposable
{
    private readonly RunRecorder _recorder;
    private readonly LoadRunOptions _options;
    private readonly LoadPlan _plan;
    private readonly long _startTimestamp;
    private readonly object _gate = new();
    private readonly HdrHistogram.HistogramBase _progressLatency = LatencyHistograms.Create();
    private readonly HdrHistogram.HistogramBase _runLatency = LatencyHistograms.Create();
    private readonly int _progressEvery;
    private readonly ITimer _timer;
    private long _progressRequests;
    private long _progressErrors;
    private long _runRequests;
    private long _runErrors;
    private int _ticks;
    private bool _stopped;

    public SecondTicker(RunRecorder recorder, LoadRunOptions options, LoadPlan plan, long startTimestamp)
    {
        _recorder = recorder;
        _options = options;
        _plan = plan;
        _startTimestamp = startTimestamp;
        _progressEvery = Math.Max(1, (int)options.ProgressInterval.TotalSeconds);
        // One-shot and re-armed at each whole second from the start: a periodic timer would drift by its firing delay.
        _timer = options.TimeProvider.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops ticking and closes the last, partial second if the run went past the last whole one.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            // Under the lock, so a tick in progress never re-arms a disposed timer.
            _stopped = true;
            _timer.Dispose();
            if (_options.TimeProvider.GetElapsedTime(_startTimestamp) > TimeSpan.FromSeconds(_ticks) + TimeSpan.FromMilliseconds(1))
            {
                _recorder.CloseSecond();
            }
        }
    }

    public void Dispose() => Stop();

    /// <summary>The first exception thrown by the progress callback, if any.</summary>
    public Exception? Fault { get; private set; }

    // The phase running at the elapsed time; past the plan's end (in-flight users finishing), none.
    private string? PhaseAt(TimeSpan elapsed)
    {
        var start = TimeSpan.Zero;
        foreach (var phase in _plan.Phases)
        {
            start += phase.Duration;
            if (elapsed < start)
            {
                return phase.Name;
            }
        }

        return null;
    }

    private void Tick()
    {
        LoadProgress? progress = null;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _ticks++;
            var (point, latency) = _recorder.CloseSecond();
            _progressLatency.Add(latency);
            _progressRequests += point.Requests;
            _runRequests += point.Requests;
            _runErrors += point.Errors;
            if (_options.Progress is not null)
            {
                _runLatency.Add(latency);
            }

            _progressErrors += point.Errors;
            if (_options.Progress is not null && _ticks % _progressEvery == 0)
            {
                long launched = 0, completed = 0, skipped = 0;
                for (var i = 0; i < _recorder.ScenarioNames.Count; i++)
                {
                    var counts = _recorder.Scenario(i);
                    launched += counts.Launched;
                    completed += counts.Completed;
                    skipped += counts.Skipped;
                }

                var elapsed = _options.TimeProvider.GetElapsedTime(_startTimestamp);
                progress = new LoadProgress(
                    elapsed,
                    launched,
                    completed,
                    _progressRequests / (double)_progressEvery,
                    _progressLatency.TotalCount == 0 ? 0 : _progressLatency.GetValueAtPercentile(95) / 1000.0,
                    _progressErrors,
                    point.ActiveUsers)
                {
                    Planned = _plan.Duration,
                    Phase = PhaseAt(elapsed),
                    Skipped = skipped,
                    Requests = _runRequests,
                    Failed = _runErrors,
                    P95SoFarMs = _runLatency.TotalCount == 0 ? 0 : _runLatency.GetValueAtPercentile(95) / 1000.0,
                    ErrorsByKind = _recorder.ErrorsByKind(),
                };
                _progressLatency.Reset();
                _progressRequests = 0;
                _progressErrors = 0;
            }

            var next = TimeSpan.FromSeconds(_ticks + 1) - _options.TimeProvider.GetElapsedTime(_startTimestamp);
            _timer.Change(next > TimeSpan.Zero ? next : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }

        // Outside the lock: a slow callback must not hold up the next second's sample.
        if (progress is not null)
        {
            try
            {
                _options.Progress!(progress);
            }
            catch (Exception e)
            {
                // A throwing callback on a timer thread would crash the process; the runner reports it instead.
                Fault ??= e;
            }
        }
    }
}
