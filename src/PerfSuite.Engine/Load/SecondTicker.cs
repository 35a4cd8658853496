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
    private readonly long _startTimestamp;
    private readonly object _gate = new();
    private readonly HdrHistogram.HistogramBase _progressLatency = LatencyHistograms.Create();
    private readonly int _progressEvery;
    private readonly ITimer _timer;
    private long _progressRequests;
    private long _progressErrors;
    private int _ticks;
    private bool _stopped;

    public SecondTicker(RunRecorder recorder, LoadRunOptions options, long startTimestamp)
    {
        _recorder = recorder;
        _options = options;
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
            _progressErrors += point.Errors;
            if (_options.Progress is not null && _ticks % _progressEvery == 0)
            {
                long launched = 0, completed = 0;
                for (var i = 0; i < _recorder.ScenarioNames.Count; i++)
                {
                    var counts = _recorder.Scenario(i);
                    launched += counts.Launched;
                    completed += counts.Completed;
                }

                progress = new LoadProgress(
                    _options.TimeProvider.GetElapsedTime(_startTimestamp),
                    launched,
                    completed,
                    _progressRequests / (double)_progressEvery,
                    _progressLatency.TotalCount == 0 ? 0 : _progressLatency.GetValueAtPercentile(95) / 1000.0,
                    _progressErrors,
                    point.ActiveUsers);
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
