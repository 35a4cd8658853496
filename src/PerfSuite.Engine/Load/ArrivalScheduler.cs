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

    public async Task RunAsync(long startTimestamp)
    {
        var picker = new WeightedPicker(_weights, new Random(options.Seed));
        var number = 0;
        using var schedule = CancellationTokenSource.CreateLinkedTokenSource(runToken, abort.Token);
        foreach (var start in plan.Starts)
        {
            var wait = start.Offset - _time.GetElapsedTime(startTimestamp);
            if (wait > TimeSpan.Zero)
            {
                await TimeProviderDelay.DelayAsync(_time, wait, schedule.Token).ConfigureAwait(false);
            }

            schedule.Token.ThrowIfCancellationRequested();

            recorder.RecordLag(_time.GetElapsedTime(startTimestamp) - start.Offset);
            var phase = plan.Phases[start.PhaseIndex];
            if (start.LoopUntil is { } until)
            {
                _ = RunLoopingUserAsync(number++, phase.WarmUp, until, startTimestamp);
                continue;
            }

            var scenario = picker.Next();
            var skipped = phase is ArrivalPhase { MaxVusers: { } cap } && recorder.Series.ActiveUsers >= cap;
            recorder.Arrival(scenario, phase.WarmUp, skipped, start.Offset);
            if (!skipped)
            {
                _ = RunArrivalAsync(number++, scenarios[scenario], phase.WarmUp);
            }
        }

        var rest = plan.Duration - _time.GetElapsedTime(startTimestamp);
        if (rest > TimeSpan.Zero)
        {
            await TimeProviderDelay.DelayAsync(_time, rest, schedule.Token).ConfigureAwait(false);
        }
    }

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
