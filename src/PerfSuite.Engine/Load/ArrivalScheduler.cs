using System.Collections.Concurrent;
using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Consumes a <see cref="LoadPlan"/> on the run's <see cref="TimeProvider"/>: starts each user when due, records the
/// lag between the intended and actual start, and skips (and counts) arrivals over the phase's concurrency cap.
/// </summary>
internal sealed class ArrivalScheduler(
    LoadPlan plan,
    LoadRunOptions options,
    RunRecorder recorder,
    IReadOnlyList<CompiledScenario> scenarios,
    InFlightUsers inFlight,
    CancellationTokenSource abort,
    CancellationToken runToken,
    CancellationToken userToken,
    CancellationToken stopToken)
{
    private readonly TimeProvider _time = options.TimeProvider;
    private readonly int[] _weights = scenarios.Select(s => s.Scenario.Weight).ToArray();

    /// <summary>Engine faults (bugs, not load failures) seen by virtual users; the runner reports them.</summary>
    public ConcurrentQueue<Exception> Faults { get; } = new();

    /// <summary>The first unique feed that ran out; it cancelled <c>abort</c>, which stops the schedule and the users.</summary>
    public FeedExhaustedException? Exhausted { get; private set; }

    /// <summary>
    /// Starts every planned user when due, from a dedicated thread that paces the arrivals (one wake-up per arrival,
    /// instead of a timer thread handing each one to a pool thread: measured to halve the generator's CPU per arrival at
    /// low rates, docs/benchmarks.md). The thread sleeps through a <see cref="PacerClock"/> of the run's
    /// <see cref="TimeProvider"/>, so a virtual clock drives this same pacer in tests.
    /// </summary>
    public Task RunAsync(long startTimestamp)
    {
        var clock = PacerClock.For(_time);
        var done = new TaskCompletionSource(clock.CompletionOptions);
        var thread = new Thread(() =>
        {
            clock.Entered();
            Action complete;
            var planEnded = false;
            using var schedule = CancellationTokenSource.CreateLinkedTokenSource(runToken, abort.Token);
            try
            {
                var picker = new WeightedPicker(_weights, new Random(options.Seed));
                var number = 0;
                for (var k = 0; k < plan.Starts.Count; k++)
                {
                    var start = plan.Starts[k];
                    Pace(clock, start.Offset, startTimestamp, schedule.Token);
                    schedule.Token.ThrowIfCancellationRequested();
                    SkipOtherShards(k, picker, ref number);
                    Start(start, picker, ref number, startTimestamp, clock.BlockingDelaysArrivals);
                }

                Pace(clock, plan.Duration, startTimestamp, schedule.Token);
                schedule.Token.ThrowIfCancellationRequested();
                complete = () => done.TrySetResult();
                planEnded = true;
            }
            catch (OperationCanceledException e)
            {
                complete = () => done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                complete = () => done.TrySetException(e);
            }

            clock.Exit(complete, planEnded);
        })
        {
            IsBackground = true,
            Name = "PerfSuite arrivals",
        };
        thread.Start();
        clock.Started();
        return done.Task;
    }

    // Sleeps until `offset` after the start, or until cancelled.
    private void Pace(PacerClock clock, TimeSpan offset, long startTimestamp, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = offset - _time.GetElapsedTime(startTimestamp);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            clock.Sleep(wait, cancellationToken);
        }
    }

    // A shard draws the scenario of every whole-plan arrival before its own start k, so that each arrival runs the
    // scenario it would run unsharded; its user numbers are whole-plan start indices, unique across the shards.
    private void SkipOtherShards(int k, WeightedPicker picker, ref int number)
    {
        if (plan.Starts is not ShardStarts shard)
        {
            return;
        }

        var from = k == 0 ? 0 : shard.GlobalIndex(k - 1) + 1;
        var to = shard.GlobalIndex(k);
        for (var g = from; g < to; g++)
        {
            if (shard.Whole[g].LoopUntil is null)
            {
                _ = picker.Next();
            }
        }

        number = to;
    }

    private void Start(PlannedPhaseStart start, WeightedPicker picker, ref int number, long startTimestamp, bool blockingDelaysArrivals)
    {
        recorder.RecordLag(_time.GetElapsedTime(startTimestamp) - start.Offset);
        var phase = plan.Phases[start.PhaseIndex];
        if (start.LoopUntil is { } until)
        {
            var looping = number++;
            Launch(() => RunLoopingUserAsync(looping, phase.WarmUp, until, startTimestamp), !blockingDelaysArrivals || scenarios.All(StartsWithEngineStep));
            return;
        }

        var index = picker.Next();
        var skipped = plan.MaxVusersOf(start.PhaseIndex) is { } cap && recorder.Series.ActiveUsers >= cap;
        recorder.Arrival(index, phase.WarmUp, skipped, start.Offset);
        if (!skipped)
        {
            var user = number++;
            var scenario = scenarios[index];
            Launch(() => RunArrivalAsync(user, scenario, phase.WarmUp), !blockingDelaysArrivals || StartsWithEngineStep(scenario));
        }
    }

    // A user runs on the pacer thread up to its first wait, which keeps a virtual clock deterministic. On the system clock
    // the pacer does so only when the flow starts with an engine step, which never blocks; a flow that starts with a
    // custom step could block the pacer, so it starts on the thread pool.
    private static void Launch(Func<Task> user, bool inline)
    {
        if (inline)
        {
            _ = user();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static u => _ = u(), user, preferLocal: false);
        }
    }

    private static bool StartsWithEngineStep(CompiledScenario scenario) =>
        scenario.Steps.Count > 0 && scenario.Steps[0] is Http.HttpStep or ThinkStep or SocketIo.SocketIoConnectStep;

    private async Task RunArrivalAsync(int number, CompiledScenario scenario, bool warmUp)
    {
        inFlight.Enter();
        recorder.UserStarted(scenario.Index, warmUp);
        var failed = true;
        var user = new VirtualUser(number, options, recorder, runToken, stopToken) { WarmUp = warmUp, ScenarioIndex = scenario.Index };
        try
        {
            failed = !await user.RunFlowAsync(scenario, userToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (userToken.IsCancellationRequested)
        {
            // Cancelled by the caller or the graceful-stop bound: the user counts as failed, the run goes on.
        }
        catch (FeedExhaustedException e)
        {
            Abort(e);
        }
        catch (Exception e)
        {
            Faults.Enqueue(e);
        }
        finally
        {
            await DisposeQuietlyAsync(user).ConfigureAwait(false);
            recorder.UserEnded(scenario.Index, warmUp, failed);
            inFlight.Exit();
        }
    }

    private async Task RunLoopingUserAsync(int number, bool warmUp, TimeSpan until, long startTimestamp)
    {
        inFlight.Enter();
        recorder.Series.UserStarted();
        var user = new VirtualUser(number, options, recorder, runToken, stopToken) { WarmUp = warmUp };
        var picker = new WeightedPicker(_weights, user.Random);
        try
        {
            while (_time.GetElapsedTime(startTimestamp) < until && !userToken.IsCancellationRequested)
            {
                var scenario = scenarios[picker.Next()];
                user.ScenarioIndex = scenario.Index;
                recorder.IterationStarted(scenario.Index, warmUp);
                var failed = true;
                var flow = user.RunFlowAsync(scenario, userToken);
                var synchronous = flow.IsCompleted;
                try
                {
                    failed = !await flow.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (userToken.IsCancellationRequested)
                {
                    break;
                }
                finally
                {
                    recorder.IterationEnded(scenario.Index, warmUp, failed);
                }

                if (synchronous)
                {
                    // A flow that never waits would spin without letting time pass; give the clock a tick.
                    await TimeProviderDelay.DelayAsync(_time, TimeSpan.FromMilliseconds(1), userToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (userToken.IsCancellationRequested)
        {
            // Stopping between iterations is the normal end of a closed-model user.
        }
        catch (FeedExhaustedException e)
        {
            Abort(e);
        }
        catch (Exception e)
        {
            Faults.Enqueue(e);
        }
        finally
        {
            await DisposeQuietlyAsync(user).ConfigureAwait(false);
            recorder.Series.UserEnded();
            inFlight.Exit();
        }
    }

    private void Abort(FeedExhaustedException exhausted)
    {
        lock (Faults)
        {
            Exhausted ??= exhausted;
        }

        abort.Cancel();
    }

    // The user must always be counted out, or the run would wait for it until the unwind bound.
    private async Task DisposeQuietlyAsync(VirtualUser user)
    {
        try
        {
            await user.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Faults.Enqueue(e);
        }
    }
}
