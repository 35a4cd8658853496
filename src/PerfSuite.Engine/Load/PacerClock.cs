namespace PerfSuite.Engine.Load;

/// <summary>
/// How the arrival pacer thread waits, on the run's <see cref="TimeProvider"/>. The pacer loop is the same on every
/// clock; only its sleeps differ. On the system clock the thread sleeps on the cancellation token's wait handle (one
/// wake-up per arrival, no timer thread: docs/benchmarks.md). On any other clock (a virtual one in tests) it sleeps
/// until a timer of that clock fires, and whoever wakes it (the timer's callback, a cancellation, the start) waits
/// until the pacer sleeps again or ends: the pacer and the clock take turns, so a virtual clock never advances while
/// the pacer is running, and a run in virtual time is deterministic.
/// </summary>
internal abstract class PacerClock
{
    /// <summary>The pacer clock of <paramref name="time"/>.</summary>
    public static PacerClock For(TimeProvider time) =>
        ReferenceEquals(time, TimeProvider.System) ? new SystemPacerClock() : new TimerPacerClock(time);

    /// <summary>
    /// True when a step run on the pacer thread holds up real time: then a flow that starts with a custom step (which
    /// may block) starts on the thread pool. On a virtual clock time does not pass while a step runs, so it runs inline.
    /// </summary>
    public abstract bool BlockingDelaysArrivals { get; }

    /// <summary>Blocks the pacer thread for <paramref name="wait"/> (&gt; 0) or until cancelled, whichever comes first. May return early; the caller re-checks.</summary>
    public abstract void Sleep(TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>How the schedule's task runs its continuation (the rest of the run).</summary>
    public abstract TaskCreationOptions CompletionOptions { get; }

    /// <summary>Called by the pacer thread first.</summary>
    public abstract void Entered();

    /// <summary>Called by the thread that started the pacer, right after the start.</summary>
    public abstract void Started();

    /// <summary>Called by the pacer thread last; <paramref name="complete"/> completes the schedule's task.</summary>
    /// <param name="complete">Completes the schedule's task.</param>
    /// <param name="planEnded">True when the plan ran to its end (the pacer was woken by the clock), false when it was cancelled or failed.</param>
    public abstract void Exit(Action complete, bool planEnded);

    private sealed class SystemPacerClock : PacerClock
    {
        public override bool BlockingDelaysArrivals => true;

        // The pacer thread ends at once; the rest of the run goes on on the thread pool.
        public override TaskCreationOptions CompletionOptions => TaskCreationOptions.RunContinuationsAsynchronously;

        // Whole milliseconds rounded up: a wait is never shorter than planned; the arrival lag records how late each start was.
        public override void Sleep(TimeSpan wait, CancellationToken cancellationToken) =>
            cancellationToken.WaitHandle.WaitOne((int)Math.Min(int.MaxValue, Math.Ceiling(wait.TotalMilliseconds)));

        public override void Entered()
        {
        }

        public override void Started()
        {
        }

        public override void Exit(Action complete, bool planEnded) => complete();
    }

    private sealed class TimerPacerClock(TimeProvider time) : PacerClock
    {
        private readonly object _gate = new();
        private int _wakes;
        private bool _running = true;
        private bool _exited;
        private int _pacerThread;

        public override bool BlockingDelaysArrivals => false;

        // Completed from the clock's own timer callback (see Exit), where the rest of the run continues inline.
        public override TaskCreationOptions CompletionOptions => TaskCreationOptions.None;

        public override void Sleep(TimeSpan wait, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            using var timer = time.CreateTimer(static s => ((TimerPacerClock)s!).Wake(), this, wait, Timeout.InfiniteTimeSpan);

            // Unregister, not Dispose: Dispose would wait for a cancellation callback that is itself waiting for this thread.
            var registration = cancellationToken.UnsafeRegister(static s => ((TimerPacerClock)s!).Wake(), this);
            try
            {
                lock (_gate)
                {
                    _running = false;
                    Monitor.PulseAll(_gate);
                    while (_wakes == 0)
                    {
                        Monitor.Wait(_gate);
                    }

                    _wakes = 0;
                    _running = true;
                }
            }
            finally
            {
                registration.Unregister();
            }
        }

        public override void Entered() => _pacerThread = Environment.CurrentManagedThreadId;

        public override void Started() => WaitWhileRunning();

        // At the plan's end the schedule's task completes on the clock (a timer due now, so in the same advance), not on
        // this thread: its continuation (the rest of the run) then runs where the clock's callbacks run, in turn with
        // them. Cancelled or failed, nothing is planned any more: the wakers are let go first, then the task completes
        // here (its continuation may dispose the token sources whose callbacks woke this thread).
        public override void Exit(Action complete, bool planEnded)
        {
            if (planEnded)
            {
                CompleteOnTheClock(complete);
            }

            lock (_gate)
            {
                _exited = true;
                _running = false;
                Monitor.PulseAll(_gate);
            }

            if (!planEnded)
            {
                complete();
            }
        }

        private void CompleteOnTheClock(Action complete)
        {
            var gate = new object();
            ITimer? timer = null;
            lock (gate)
            {
                timer = time.CreateTimer(
                    _ =>
                    {
                        lock (gate)
                        {
                            timer!.Dispose();
                        }

                        complete();
                    },
                    null,
                    TimeSpan.Zero,
                    Timeout.InfiniteTimeSpan);
            }
        }

        // Wakes the pacer, then (from any thread but the pacer's own) waits until it sleeps again or ends.
        private void Wake()
        {
            lock (_gate)
            {
                if (_exited)
                {
                    return;
                }

                _wakes++;
                Monitor.PulseAll(_gate);
            }

            if (Environment.CurrentManagedThreadId != _pacerThread)
            {
                WaitWhileRunning();
            }
        }

        private void WaitWhileRunning()
        {
            lock (_gate)
            {
                while (!_exited && (_running || _wakes > 0))
                {
                    Monitor.Wait(_gate);
                }
            }
        }
    }
}
