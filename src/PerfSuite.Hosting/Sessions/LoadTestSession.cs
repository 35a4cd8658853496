using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Settings;
using PerfSuite.Engine.Tracing;
using PerfSuite.Reporting.Sharding;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Hosting.Sessions;

/// <summary>
/// What every front end (the xUnit fixture, <c>perfsuite run</c>, <c>compare</c>) shares below it: the started target,
/// the token provider, the validated budgets and the run's report folder.
/// <see cref="StartAsync(LoadTestSessionOptions, Action{string}, CancellationToken)"/> checks the budgets and the
/// credentials and sends one preflight request before any load; <see cref="RunAsync(LoadTestRun, CancellationToken)"/> runs
/// one scenario (or mix) at one profile, optionally profiling the server, and writes its reports and violations.
/// </summary>
public sealed class LoadTestSession : IAsyncDisposable
{
    /// <summary>Creates a session over parts that are already started (for tests and other front ends).</summary>
    /// <param name="target">Where load goes; disposed with the session.</param>
    /// <param name="tokens">How users authenticate; disposed with the session when <see cref="IDisposable"/>.</param>
    /// <param name="budgets">The validated budgets.</param>
    /// <param name="artifactsDirectory">The artifacts folder; reports go to <c>perf/&lt;run-id&gt;/…</c> in it.</param>
    /// <param name="runId">The run id naming the report folder.</param>
    public LoadTestSession(ITarget target, ITokenProvider tokens, BudgetFile budgets, string artifactsDirectory, string runId)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        Budgets = budgets ?? throw new ArgumentNullException(nameof(budgets));
        ArgumentException.ThrowIfNullOrEmpty(artifactsDirectory);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArtifactsDirectory = Path.GetFullPath(artifactsDirectory);
        RunId = runId;
    }

    /// <summary>The server under test.</summary>
    public ITarget Target { get; }

    /// <summary>The token provider virtual users use. Tokens never appear in reports, logs or attachments.</summary>
    public ITokenProvider Tokens { get; }

    /// <summary>The validated budgets.</summary>
    public BudgetFile Budgets { get; }

    /// <summary>The artifacts folder (full path).</summary>
    public string ArtifactsDirectory { get; }

    /// <summary>The run id, e.g. <c>20261127-034512</c>.</summary>
    public string RunId { get; }

    /// <summary>
    /// Which shard of a split run this session runs (<c>PERF_SHARD</c>); <c>null</c> for a whole run. A shard writes
    /// <c>shard.json</c> next to its reports, and its result is not gated: the gate is the merge (<c>perfsuite merge</c>).
    /// </summary>
    public LoadShard? Shard { get; init; }

    /// <summary>
    /// The common start instant every shard waits for (<c>PERF_START_AT</c>); <c>null</c> to start at once. Only the first
    /// case of the process waits for it; later cases start at once, and their <c>shard.json</c> says so (no instant, no lag).
    /// </summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>The once-per-process wait for <see cref="StartAt"/>; <c>null</c> for the process's own (<see cref="CommonStart.ForProcess"/>).</summary>
    internal CommonStart? CommonStart { get; init; }

    /// <summary>Whether every request carries W3C trace context (<c>PERF_TRACE_CONTEXT=1</c>); the run id goes in the baggage.</summary>
    public bool TraceContext { get; init; }

    /// <summary>The clock the common start waits on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Opens Socket.IO connections; <c>null</c> for the engine's default (the lean <see cref="SocketIoClient"/>).</summary>
    public Func<SocketIoConnectOptions, CancellationToken, Task<ISocketIoConnection>>? SocketIoConnector { get; init; }

    /// <summary>Starts a session with the target the settings select (<see cref="TargetFactory.FromSettings"/>) and their credentials (<see cref="TokenProviders.Create"/>).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="scenarioNames">Scenario (and mix) names the suite runs; each needs a budget per selected profile.</param>
    /// <param name="socketIoConnector">Opens Socket.IO connections; <c>null</c> for the engine's default client.</param>
    /// <param name="log">Receives one line per step (never a secret).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started session.</returns>
    public static Task<LoadTestSession> StartAsync(
        PerfSettings settings,
        IReadOnlyList<string> scenarioNames,
        Func<SocketIoConnectOptions, CancellationToken, Task<ISocketIoConnection>>? socketIoConnector,
        Action<string> log,
        CancellationToken cancellationToken) =>
        StartAsync(new LoadTestSessionOptions(settings, scenarioNames) { SocketIoConnector = socketIoConnector }, log, cancellationToken);

    /// <summary>
    /// Validates the budgets (every scenario × selected profile must have one), then creates and starts the target
    /// (<see cref="LoadTestSessionOptions.TargetFactory"/>) and fetches one token to prove the credentials work
    /// (<see cref="LoadTestSessionOptions.TokenProviderFactory"/>), then sends the preflight request.
    /// </summary>
    /// <param name="options">The settings and the hooks.</param>
    /// <param name="log">Receives one line per step (never a secret).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started session.</returns>
    /// <exception cref="BudgetFileException">The budgets file is missing, invalid or lacks a budget; lists every problem.</exception>
    /// <exception cref="TargetStartException">The target could not start; says why.</exception>
    /// <exception cref="PerfSettingsException">The settings cannot be used (e.g. an external target without credentials).</exception>
    public static async Task<LoadTestSession> StartAsync(LoadTestSessionOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var settings = options.Settings;
        var budgets = LoadBudgets(settings, options.BudgetsFile, options.ProfileNames, options.ScenarioNames);
        log($"budgets: {budgets.FilePath} ({budgets.Budgets.Count} budgets)");
        var artifacts = settings.ArtifactsDirectory ?? options.ArtifactsDirectory ?? ArtifactPaths.DefaultArtifactsDirectory(AppContext.BaseDirectory);

        var target = options.TargetFactory(settings);
        ITokenProvider? tokens = null;
        try
        {
            await target.StartAsync(cancellationToken).ConfigureAwait(false);
            log($"target: {UrlRedaction.Redact(target.BaseUri)}{(target.ProcessId is { } pid ? $" (pid {pid})" : string.Empty)}");
            tokens = options.TokenProviderFactory(settings, target);
            await tokens.GetTokenAsync(0, cancellationToken).ConfigureAwait(false);
            log($"auth: {tokens}");
            if (Telemetry.MetricsExport.ForProcess() is { } metrics)
            {
                log(metrics.Description);
            }

            log(await LoadTestPreflight.CheckAsync(target.BaseUri, tokens, options.PreflightPath, cancellationToken).ConfigureAwait(false));
            var runId = settings.RunId ?? ArtifactPaths.NewRunId(DateTimeOffset.UtcNow);
            return new LoadTestSession(target, tokens, budgets, artifacts, runId)
            {
                SocketIoConnector = options.SocketIoConnector,
                Shard = settings.Shard,
                StartAt = settings.StartAt,
                TraceContext = settings.TraceContext,
            };
        }
        catch
        {
            (tokens as IDisposable)?.Dispose();
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The folder of this run's reports: <c>&lt;artifacts&gt;/perf/&lt;run-id&gt;</c> (full path).</summary>
    public string RunDirectory => Path.Combine(ArtifactsDirectory, "perf", RunId);

    /// <summary>Runs <paramref name="scenarios"/> at <paramref name="profile"/>, gated on the budgets file's entry; see <see cref="RunAsync(LoadTestRun, CancellationToken)"/>.</summary>
    /// <param name="name">Scenario or mix name, as in the budgets file.</param>
    /// <param name="scenarios">The flows of the run (one, or a weighted mix).</param>
    /// <param name="profile">The load profile.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result, whose verdict gates on the budget.</returns>
    public Task<LoadTestResult> RunAsync(string name, IReadOnlyList<Scenario> scenarios, LoadTestProfile profile, CancellationToken cancellationToken) =>
        RunAsync(new LoadTestRun(name, scenarios, profile), cancellationToken);

    /// <summary>
    /// Runs <see cref="LoadTestRun.Scenarios"/> at <see cref="LoadTestRun.Profile"/> against the target, then writes the four
    /// reports and <c>violations.txt</c> to <see cref="ArtifactPaths.CaseDirectory"/> and hands every file to
    /// <see cref="LoadTestRun.Output"/>. With a <see cref="LoadTestRun.Profiler"/>, the server is recorded for the run
    /// (<c>profile.txt</c>, <c>profile.svg</c> and the reports' "Server hot spots"), and a run that misses its budget or has
    /// timed-out requests also gets <c>server-dump.txt</c>. Does not assert.
    /// </summary>
    /// <param name="run">What to run.</param>
    /// <param name="cancellationToken">Cancels the run: it ends early with reports marked cancelled, never a pass.</param>
    /// <returns>The result.</returns>
    /// <exception cref="TargetStoppedException">The target stopped during the run (reports are written first); the message carries its last log lines.</exception>
    public async Task<LoadTestResult> RunAsync(LoadTestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(run.Name);
        var (name, profile, output) = (run.Name, run.Profile, run.Output);

        // The live meter's exporters (OTEL_*, PERF_METRICS_PROMETHEUS), once per process; a bad value stops before any load.
        Telemetry.MetricsExport.ForProcess();
        var budget = run.Budget ?? Budgets.For(name, profile.Name);
        output.Live($"[{name} / {profile.Name}] {profile} against {UrlRedaction.Redact(Target.BaseUri)}");
        var options = new LoadRunOptions(Target.BaseUri, run.Scenarios, profile.Load)
        {
            Name = $"{name} / {profile.Name}",
            TokenProvider = Tokens,
            ThinkTimeScale = profile.ThinkTimeScale,
            GracefulStop = profile.GracefulStop,
            Progress = p => output.Live(ProgressLine.Format(name, profile.Name, p)),
        };

        if (SocketIoConnector is { } connector)
        {
            options = options with { SocketIoConnector = connector };
        }

        if (run.Configure is { } configure)
        {
            options = configure(options);
        }

        var directory = run.ReportDirectory is { } chosen ? Path.GetFullPath(chosen) : ArtifactPaths.CaseDirectory(ArtifactsDirectory, RunId, name, profile.Name);
        var profiler = run.Profiler;
        await using var recording = profiler is null ? null : await profiler.StartAsync(directory, output.Live, cancellationToken).ConfigureAwait(false);

        // Cancellation (the caller's token, or the front end's interrupt, e.g. 'dotnet test' interrupted) ends the run early
        // with reports marked cancelled, never a pass; the reports are then still written.
        // A target that dies (e.g. a killed gunicorn master) ends the run at once and fails it with what happened.
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, run.Interrupt, Target.Failed);
        if (Shard is { } shard)
        {
            // A shard leaves per-endpoint per-second interval logs (hlog/): only then is each endpoint recorded second by second.
            options = options with { Shard = shard, EndpointIntervals = true };
        }

        if (TraceContext && options.TraceContext is null)
        {
            options = options with { TraceContext = new TraceContextOptions(RunId) };
        }

        var (startAt, lag) = await (CommonStart ?? CommonStart.ForProcess(StartAt, Clock)).WaitAsync(interrupt.Token).ConfigureAwait(false);
        var summary = await LoadRunner.RunAsync(options, interrupt.Token, CancellationToken.None).ConfigureAwait(false);
        var caseProfile = recording is null ? null : await recording.StopAsync($"Server profile: {name} · {profile.Name}", output.Live).ConfigureAwait(false);
        var verdict = BudgetEvaluator.Evaluate(summary, budget);
        if (Target.FailureReason is { } targetFailure)
        {
            verdict = verdict with { Interruption = $"target failed: {targetFailure}{Environment.NewLine}{verdict.Interruption ?? "the run went to its end, but against a failed server: not a pass"}" };
        }

        var files = caseProfile?.Files.ToList() ?? [];

        // Where every server thread is, for a reviewer of a missed budget or of requests that never finished.
        if (profiler is not null && (!verdict.Passed || summary.Errors.GetValueOrDefault(ErrorKinds.ToKey(ErrorKind.Timeout)) > 0)
            && await profiler.DumpAsync(directory, output.Live, CancellationToken.None).ConfigureAwait(false) is { } dump)
        {
            files.Add(dump);
        }

        if (Shard is not null)
        {
            var manifest = new ShardManifest(RunId, ShardManifest.Fingerprint(options), options.Shard.Index, options.Shard.Count, name, profile.Name, startAt, summary.StartedAt, lag)
            {
                Budget = budget,
            };
            files.Add(await manifest.WriteAsync(directory, CancellationToken.None).ConfigureAwait(false));
            files.AddRange(await ShardIntervalLog.WriteAsync(summary, directory, CancellationToken.None).ConfigureAwait(false));
        }

        var reports = await LoadTestReports.WriteAsync(summary, verdict, caseProfile?.HotSpots, Target.BaseUri, RunId, directory, files, output, CancellationToken.None).ConfigureAwait(false);

        // A server that died during the run (e.g. its container exited) is the cause to report, not the budget it then missed.
        await Target.EnsureRunningAsync(CancellationToken.None).ConfigureAwait(false);
        return new LoadTestResult(summary, budget, verdict, directory, reports) { Shard = Shard };
    }

    /// <summary>Disposes the token provider and stops the target (a process target's whole process group).</summary>
    /// <returns>A task completing when the target is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        // OTLP gets the last figures now, not at the next export interval (the process may end before it).
        Telemetry.MetricsExport.ForProcess()?.Flush(TimeSpan.FromSeconds(5));
        (Tokens as IDisposable)?.Dispose();
        await Target.DisposeAsync().ConfigureAwait(false);
    }

    private static BudgetFile LoadBudgets(PerfSettings settings, string? budgetsFile, IReadOnlyCollection<string>? profileNames, IReadOnlyList<string> scenarioNames)
    {
        var candidates = ArtifactPaths.BudgetsCandidates(AppContext.BaseDirectory);
        var path = settings.BudgetsFile ?? budgetsFile ?? candidates.FirstOrDefault(File.Exists)
            ?? throw new PerfSettingsException($"No budgets file: set PERF_BUDGETS, or add one of {string.Join(", ", candidates)}.");
        var budgets = BudgetFile.Load(path, profileNames);
        var missing = new List<string>();
        foreach (var scenario in scenarioNames)
        {
            foreach (var profile in settings.Profiles)
            {
                try
                {
                    budgets.For(scenario, profile);
                }
                catch (BudgetFileException e)
                {
                    missing.AddRange(e.Problems);
                }
            }
        }

        // A budget whose key names no scenario (a typo in a new entry) would never be checked: refuse it. A suite that names
        // no scenarios (its budgets come with each run, e.g. an Artillery script's ensure) has nothing to check them against.
        foreach (var unknown in budgets.Budgets.Select(b => b.Scenario).Distinct(StringComparer.Ordinal).Where(s => scenarioNames.Count > 0 && !scenarioNames.Contains(s, StringComparer.Ordinal)))
        {
            missing.Add($"{path}: $.scenarios.{unknown}: no such scenario in the suite (known scenarios: {string.Join(", ", scenarioNames)})");
        }

        return missing.Count > 0 ? throw new BudgetFileException(path, missing) : budgets;
    }
}
