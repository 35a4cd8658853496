namespace PerfSuite.Tests.Load;

/// <summary>
/// A virtual clock. <see cref="Advance"/> fires due timers synchronously, in due order, on the calling thread, so an
/// engine driven by it runs deterministically. With <see cref="FireAtStepEnd"/> timers fire late, at the end of the
/// step, which simulates a generator that wakes up late.
/// </summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<FakeTimer> _timers = [];
    private readonly object _gate = new();
    private long _ticks;
    private long _sequence;

    public bool FireAtStepEnd { get; init; }

    public TimeSpan Elapsed => TimeSpan.FromTicks(_ticks);

    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Epoch + TimeSpan.FromTicks(_ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var target = _ticks + by.Ticks;
        if (FireAtStepEnd)
        {
            _ticks = target;
        }

        while (NextDue(target) is { } next)
        {
            _ticks = Math.Max(_ticks, next.DueAt!.Value);
            next.Fire();
        }

        _ticks = target;
    }

    private FakeTimer? NextDue(long target)
    {
        lock (_gate)
        {
            return _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).ThenBy(t => t.Sequence).FirstOrDefault();
        }
    }

    /// <summary>
    /// Advances in steps until the task completes or the virtual limit passes, then gives work that hopped to the
    /// thread pool (e.g. inside HttpClient after a cancellation) up to 10 s of real time to finish.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan step, TimeSpan limit)
    {
        while (!task.IsCompleted && Elapsed < limit)
        {
            Advance(step);

            // Lets any continuation that hopped to the thread pool (e.g. inside HttpClient) catch up.
            for (var spin = 0; spin < 3 && !task.IsCompleted; spin++)
            {
                await Task.Yield();
            }
        }

        await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        task.IsCompleted.Should().BeTrue($"the run should finish within {limit} of virtual time");
        return await task;
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        public long? DueAt { get; private set; }

        public long Sequence { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            Sequence = Interlocked.Increment(ref owner._sequence);
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._ticks + Math.Max(0, dueTime.Ticks);
            return true;
        }

        public void Fire()
        {
            DueAt = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? DueAt + _period.Ticks : null;
            callback(state);
        }

        public void Dispose()
        {
            DueAt = null;
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
