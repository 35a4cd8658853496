using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Runs scenarios under a load profile against a base URL and returns the <see cref="RunSummary"/>.
/// Knows nothing of xUnit, targets, budgets or reports. When it returns, every count adds up exactly:
/// launched = completed + failed, and requests = Σ codes + transport errors.
/// </summary>
public static class LoadRunner
{
    /// <summary>Extra time, on the real clock, for virtual users to unwind after they were cancelled.</summary>
    private static readonly TimeSpan UnwindBound = TimeSpan.FromSeconds(10);

    /// <summary>A timestamp not taken yet (the window's end, the interrupt).</summary>
    private const long NotYet = long.MaxValue;

    /// <summary>Runs the profile to its end, waits for in-flight users (up to the graceful stop), and summarizes.</summary>
    /// <param name="options">What to run; see <see cref="LoadRunOptions.Validate"/>.</param>
    /// <param name="cancellationToken">Cancels the run; in-flight requests are then not error samples and the method throws.</param>
    /// <exception cref="ArgumentException">The options or the profile are invalid; the message lists every problem.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="FeedExhaustedException">A unique data feed ran out; the run stopped early.</exception>
    /// <exception cref="AggregateException">The engine faulted in a virtual user (a bug, not a load failure) or the progress callback threw.</exception>
    public static Task<RunSummary> RunAsync(LoadRunOptions options, CancellationToken cancellationToken) =>
        RunAsync(options, CancellationToken.None, cancellationToken);

    /// <summary>
    /// Runs the profile like <see cref="RunAsync(LoadRunOptions, CancellationToken)"/>, but stops early, without throwing,
    /// when <paramref name="interrupt"/> is cancelled: no arrival starts after it, in-flight users get
    /// <see cref="LoadRunOptions.InterruptGrace"/>, then are cancelled, and the summary is marked <see cref="RunSummary.Cancelled"/>.
    /// </summary>
    /// <param name="options">What to run; see <see cref="LoadRunOptions.Validate"/>.</param>
    /// <param name="interrupt">Ends the run early with a summary of what ran (a test cancelled, its host gone).</param>
    /// <param name="cancellationToken">Aborts the run at once; the method then throws.</param>
    /// <returns>The summary; <see cref="RunSummary.Cancelled"/> when <paramref name="interrupt"/> fired before the end.</returns>
    /// <exception cref="ArgumentException">The options or the profile are invalid; the message lists every problem.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="AggregateException">The engine faulted in a virtual user (a bug, not a load failure) or the progress callback threw.</exception>
    public static async Task<RunSummary> RunAsync(LoadRunOptions options, CancellationToken interrupt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid load run:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(options));
        }

        var plan = options.Profile.Plan(options.Shard);
        var recorder = new RunRecorder(options.Scenarios.Select(s => s.Name).ToList(), plan.Duration) { TraceContext = options.TraceContext, EndpointIntervals = options.EndpointIntervals };
        var scenarios = Compile(options.Scenarios, recorder, options.Shard);
        var time = options.TimeProvider;
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        using var users = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token, abort.Token);

        // The scheduler and the users see an interruption as the run's end: no arrival after it, and requests cut off
        // by it are not error samples.
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupt);
        var inFlight = new InFlightUsers();
        var scheduler = new ArrivalScheduler(plan, options, recorder, scenarios, inFlight, abort, run.Token, users.Token, stop.Token);
        var health = new GeneratorHealthMeter();
        var startedAt = time.GetUtcNow();
        var startTimestamp = time.GetTimestamp();
        using var ticker = new SecondTicker(recorder, options, plan, startTimestamp);
        var interrupted = false;

        // The measured window ends when the scheduler has paced the whole plan, or when the interrupt comes, whichever is
        // first; the drain after it (users finishing their flow, the interrupt grace) is reported apart, not measured.
        var windowEnd = NotYet;
        var interruptedAt = NotYet;
        using var onInterrupt = interrupt.Register(() =>
        {
            var now = time.GetTimestamp();
            Interlocked.CompareExchange(ref interruptedAt, now, NotYet);
            Interlocked.CompareExchange(ref windowEnd, now, NotYet);
        });
        try
        {
            try
            {
                await scheduler.RunAsync(startTimestamp).ConfigureAwait(false);
                Interlocked.CompareExchange(ref windowEnd, time.GetTimestamp(), NotYet);
                inFlight.Seal();
                await DrainAsync(inFlight, options.GracefulStop, options, stop, run.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                inFlight.Seal();
                await DrainAsync(inFlight, options.InterruptGrace, options, stop, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            inFlight.Seal();
            await inFlight.Idle.WaitAsync(UnwindBound, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // A unique feed ran out: the schedule stopped, the users in flight were cancelled; the exception follows.
            inFlight.Seal();
            await inFlight.Idle.WaitAsync(UnwindBound, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            ticker.Stop();
        }

        if (ticker.Fault is { } progressFault)
        {
            scheduler.Faults.Enqueue(progressFault);
        }

        if (scheduler.Exhausted is { } exhausted)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exhausted);
        }

        if (!scheduler.Faults.IsEmpty)
        {
            throw new AggregateException("The load engine faulted in a virtual user or the progress callback.", scheduler.Faults);
        }

        onInterrupt.Dispose();
        var endTimestamp = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(startTimestamp, endTimestamp);
        var window = time.GetElapsedTime(startTimestamp, Math.Min(Interlocked.Read(ref windowEnd), endTimestamp));
        var warmUp = plan.Phases.Where(p => p.WarmUp).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
        var phases = plan.Phases.Select((p, i) => new PhaseSummary(p.Name, p.Describe(), p.Duration, p.WarmUp, plan.ArrivalsIn(i))).ToList();
        var at = Interlocked.Read(ref interruptedAt);
        return SummaryBuilder.Build(
            recorder,
            options.Name ?? options.Profile.Name,
            startedAt,
            window > warmUp ? window - warmUp : TimeSpan.Zero,
            phases,
            health.Finish(recorder.ArrivalLag, recorder.Series.Points().Sum(p => p.Requests))) with
        {
            Cancelled = interrupted,
            Shard = options.Shard,
            Drain = elapsed - window,
            InterruptedAfter = interrupted && at != NotYet ? time.GetElapsedTime(startTimestamp, at) : null,
        };
    }

    private static async Task DrainAsync(InFlightUsers inFlight, TimeSpan graceful, LoadRunOptions options, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        if (!inFlight.Idle.IsCompleted)
        {
            using var graceOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var grace = TimeProviderDelay.DelayAsync(options.TimeProvider, graceful, graceOver.Token);
            await Task.WhenAny(inFlight.Idle, grace).ConfigureAwait(false);
            graceOver.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (!inFlight.Idle.IsCompleted)
        {
            // Past the graceful stop: cancel the stragglers; their in-flight requests count as timeouts.
            stop.Cancel();
            try
            {
                await inFlight.Idle.WaitAsync(UnwindBound, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new InvalidOperationException($"{inFlight.Count} virtual user(s) did not stop within {UnwindBound.TotalSeconds} s of cancellation.", e);
            }
        }
    }

    private static List<CompiledScenario> Compile(IReadOnlyList<Scenario> scenarios, RunRecorder recorder, LoadShard shard)
    {
        var compiled = new List<CompiledScenario>(scenarios.Count);
        var cursors = new Dictionary<DataFeed, FeedCursor>(ReferenceEqualityComparer.Instance);
        for (var index = 0; index < scenarios.Count; index++)
        {
            var scenario = scenarios[index];
            var ids = scenario.Steps
                .Select(step => step.EndpointName is { } name ? recorder.RegisterEndpoint(index, name, step.EndpointKind) : -1)
                .ToList();
            var feedCursors = scenario.Feeds.Select(f => cursors.TryGetValue(f.Source, out var c) ? c : cursors[f.Source] = new FeedCursor(shard.Index - 1, shard.Count)).ToList();
            compiled.Add(new CompiledScenario(scenario, index, ids, feedCursors));
        }

        return compiled;
    }
}
