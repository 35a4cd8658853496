using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Comparison;
using Xunit;
using Xunit.v3;

namespace PerfSuite.Xunit;

/// <summary>
/// The virtual-user fixture: base of a suite's collection (or assembly) fixture. Before any load test runs it reads the
/// <c>PERF_*</c> settings, validates the budgets, starts the target (<c>PERF_TARGET</c> or <c>PERF_TARGET_IMAGE</c>),
/// checks the credentials (<c>PERF_TOKEN</c>, the OIDC grant, or none) and sends one preflight request; after the last
/// test it stops the target. A failure to start does not throw from <see cref="InitializeAsync"/>: it is kept, and every
/// test that calls <see cref="RunAndAssertAsync(string, IReadOnlyList{Scenario}, string)"/> fails with it, so each test
/// reports the real cause (nothing to load, an invalid budget, a refused remote target...).
/// With <c>PERF_COMPARE_BASELINE</c> set, each case is a comparison instead: paired rounds against the baseline and the
/// target, failing on a regression, with <c>compare.md/html/json</c> attached. With a <see cref="ServerProfilingFixture"/>
/// in the same collection, each case is profiled.
/// </summary>
public abstract class LoadTestFixture : IAsyncLifetime
{
    private LoadTestSession? _session;
    private ITarget? _baseline;
    private ITokenProvider? _baselineTokens;
    private Exception? _startFailure;

    /// <summary>The settings; <c>null</c> before start or when they were invalid.</summary>
    public PerfSettings? Settings { get; private set; }

    /// <summary>The started session.</summary>
    /// <exception cref="InvalidOperationException">The fixture failed to start; the inner exception is the cause.</exception>
    public LoadTestSession Session => _session ?? throw new InvalidOperationException(
        _startFailure is null ? "The load test fixture has not been initialized." : $"The load test fixture failed to start: {_startFailure.Message}",
        _startFailure);

    /// <summary>Every profile name the suite defines (for <c>PERF_PROFILES</c> validation).</summary>
    protected abstract IReadOnlyList<string> ProfileNames { get; }

    /// <summary>
    /// The suite's scenarios (see <see cref="ScenarioCatalog.FromAssembly"/>): <see cref="RunAndAssertAsync(string, string)"/>
    /// runs one by id, and <see cref="LoadTestRows.ForCatalog"/> makes one theory row per scenario and profile.
    /// <c>null</c> (the default) for a suite that passes its scenarios itself and lists <see cref="ScenarioNames"/>.
    /// </summary>
    protected virtual ScenarioCatalog? Catalog => null;

    /// <summary>Every scenario (or mix) name the suite runs; each needs a budget per selected profile. Default: the catalog's names.</summary>
    protected virtual IReadOnlyList<string> ScenarioNames =>
        Catalog?.Names ?? throw new InvalidOperationException($"{GetType().Name} must override {nameof(Catalog)} or {nameof(ScenarioNames)}.");

    /// <summary>The budgets file when <c>PERF_BUDGETS</c> is not set; <c>null</c> (default) looks beside the test assembly, then in the solution root.</summary>
    protected virtual string? BudgetsFile => null;

    /// <summary>The artifacts folder when <c>PERF_ARTIFACTS</c> is not set; <c>null</c> (default) for <c>artifacts/</c> in the solution root.</summary>
    protected virtual string? ArtifactsDirectory => null;

    /// <summary>Reads a variable (name → value, <c>null</c> when unset); default the process environment. Overridden in tests.</summary>
    protected virtual Func<string, string?> ReadVariable => Environment.GetEnvironmentVariable;

    /// <summary>An authenticated path requested once before any load (see <see cref="LoadTestSessionOptions.PreflightPath"/>); <c>null</c> (default): reachability only.</summary>
    protected virtual string? PreflightPath => null;

    /// <summary>Opens Socket.IO connections; <c>null</c> (the default) for the engine's own lean client.</summary>
    protected virtual Func<SocketIoConnectOptions, CancellationToken, Task<ISocketIoConnection>>? SocketIoConnector => null;

    /// <summary>Creates the (not yet started) server under test; default <see cref="TargetFactory.FromSettings"/> (<c>PERF_TARGET</c> or <c>PERF_TARGET_IMAGE</c>, else a clear error saying what to set).</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The target.</returns>
    protected virtual ITarget CreateTarget(PerfSettings settings) => TargetFactory.FromSettings(settings);

    /// <summary>Chooses how users authenticate against the started target; default <see cref="TokenProviders.Create"/> (<c>PERF_TOKEN</c>, the OIDC grant, the target's own login, or none).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="target">The started target.</param>
    /// <returns>The token provider (<see cref="NoTokenProvider"/> for an API without auth).</returns>
    protected virtual ITokenProvider CreateTokenProvider(PerfSettings settings, ITarget target) => TokenProviders.Create(settings, target);

    /// <summary>
    /// Creates the (not yet started) baseline of a comparison run (<c>PERF_COMPARE_BASELINE</c>): its URL, or its image started
    /// with the target's container settings (<c>PERF_TARGET_PORT</c>, <c>PERF_TARGET_READY</c>, <c>PERF_TARGET_ENV_*</c>,
    /// <c>PERF_DOCKER_NETWORK</c>).
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="baseline">The baseline they name.</param>
    /// <returns>The baseline target.</returns>
    protected virtual ITarget CreateBaselineTarget(PerfSettings settings, CompareBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(baseline);
        return baseline.Url is { } url ? new ExternalTarget(url)
            : (settings.Container?.WithImage(baseline.Image!) ?? new Hosting.Containers.ContainerTargetBuilder(baseline.Image!)).Build();
    }

    /// <summary>Starts everything; never throws (see the class remarks).</summary>
    /// <returns>A task completing when started or failed.</returns>
    public async ValueTask InitializeAsync()
    {
        var context = TestContext.Current;
        try
        {
            Settings = PerfSettings.Parse(ReadVariable, ProfileNames);
            context.SendDiagnosticMessage($"load tests: {Settings}");
            var options = new LoadTestSessionOptions(Settings, ScenarioNames)
            {
                TargetFactory = CreateTarget,
                TokenProviderFactory = CreateTokenProvider,
                ProfileNames = ProfileNames,
                BudgetsFile = BudgetsFile,
                ArtifactsDirectory = ArtifactsDirectory,
                SocketIoConnector = SocketIoConnector,
                PreflightPath = PreflightPath,
            };
            _session = await LoadTestSession.StartAsync(options, line => context.SendDiagnosticMessage($"load tests: {line}"), context.CancellationToken)
                .ConfigureAwait(false);
            if (Settings.CompareBaseline is { } compared)
            {
                _baseline = CreateBaselineTarget(Settings, compared);
                await _baseline.StartAsync(context.CancellationToken).ConfigureAwait(false);
                _baselineTokens = CreateTokenProvider(Settings, _baseline);
                context.SendDiagnosticMessage($"load tests: each case compares {UrlRedaction.Redact(_session.Target.BaseUri)} with the baseline {compared} at {UrlRedaction.Redact(_baseline.BaseUri)}");
            }
        }
#pragma warning disable CA1031 // Kept and rethrown by every test, which is how xUnit shows each test the real cause.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _startFailure = e;
            context.SendDiagnosticMessage($"load tests: the fixture failed to start: {e.Message}");
        }
    }

    /// <summary>Stops the target (and a comparison's baseline).</summary>
    /// <returns>A task completing when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        (_baselineTokens as IDisposable)?.Dispose();
        if (_baseline is not null)
        {
            await _baseline.DisposeAsync().ConfigureAwait(false);
            _baseline = null;
        }

        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
            _session = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs <paramref name="scenarios"/> at the profile named <paramref name="profileName"/>, writes and attaches the reports,
    /// then asserts the budget: a failing test lists each violated budget and the report path.
    /// </summary>
    /// <param name="name">Scenario or mix name, as in the budgets file.</param>
    /// <param name="scenarios">The flows.</param>
    /// <param name="profileName">The profile (a theory row).</param>
    /// <returns>The result, after the assertion passed; <c>null</c> in a comparison run (<c>PERF_COMPARE_BASELINE</c>), whose reports are attached.</returns>
    public async Task<LoadTestResult?> RunAndAssertAsync(string name, IReadOnlyList<Scenario> scenarios, string profileName)
    {
        var started = Session;
        var profile = ResolveProfile(profileName, Settings!);
        if (_baseline is not null)
        {
            await CompareAndAssertAsync(started, name, scenarios, profile).ConfigureAwait(false);
            return null;
        }

        var result = await RunAsync(new LoadTestRun(name, scenarios, profile)).ConfigureAwait(false);
        if (result.Shard is { } shard)
        {
            // A shard's share proves nothing about the budget: the gate is the merge of all shards.
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"[{name} / {profile.Name}] {shard.Describe()}: this case is a shard and is not gated on its share; the gate is 'perfsuite merge' of all {shard.Count} shards' report directories ({result.ReportDirectory}).");
            return result;
        }

        result.AssertBudget();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="run"/> in the current test: progress to its diagnostic messages, the summary to its output, every
    /// report attached, profiled when the collection has a <see cref="ServerProfilingFixture"/>, stopped when the test host
    /// loses its parent (an interrupted <c>dotnet test</c>). Does not assert.
    /// </summary>
    /// <param name="run">What to run; its output, profiler and interrupt are set here.</param>
    /// <returns>The result.</returns>
    public async Task<LoadTestResult> RunAsync(LoadTestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = Session;
        var context = TestContext.Current;
        var output = new TestOutputSink(context);
        var profiling = await FindProfilingFixtureAsync(context).ConfigureAwait(false);
        var profiler = profiling is null ? null : await profiling.ForAsync(started.Target, started.RunDirectory, output.Live).ConfigureAwait(false);
        var directory = run.ReportDirectory is { } chosen ? Path.GetFullPath(chosen) : ArtifactPaths.CaseDirectory(started.ArtifactsDirectory, started.RunId, run.Name, run.Profile.Name);
        using var inProgress = CaseInProgress.Start(directory, context.Test?.TestDisplayName ?? run.Name, $"{run.Name} / {run.Profile.Name}", Console.Error);
        var result = await started.RunAsync(run with { Output = output, Profiler = profiler, Interrupt = ParentProcessWatch.Current.Gone }, context.CancellationToken).ConfigureAwait(false);
        if (profiler is { RecordedCases: > 0 })
        {
            // The run's profile so far, merged from every case: the last case of the run carries the whole run's.
            var runProfile = await profiler.WriteRunProfileAsync(Path.Combine(result.ReportDirectory, "run-profile"), output.Live).ConfigureAwait(false);
            if (runProfile is not null)
            {
                var attached = Path.Combine(result.ReportDirectory, "run-profile.svg");
                File.Move(runProfile, attached, overwrite: true);
                Directory.Delete(Path.GetDirectoryName(runProfile)!, recursive: true);
                output.Attach(attached);
            }
        }

        return result;
    }

    /// <summary>
    /// Runs the catalog's scenario <paramref name="scenario"/> (id or name) at the profile named <paramref name="profileName"/>,
    /// writes and attaches the reports, then asserts its budget.
    /// </summary>
    /// <param name="scenario">A scenario id from <see cref="Catalog"/> (a theory row from <see cref="LoadTestRows.ForCatalog"/>).</param>
    /// <param name="profileName">The profile (a theory row).</param>
    /// <returns>The result, after the assertion passed; <c>null</c> in a comparison run.</returns>
    public Task<LoadTestResult?> RunAndAssertAsync(string scenario, string profileName)
    {
        var catalog = Catalog ?? throw new InvalidOperationException($"{GetType().Name} has no {nameof(Catalog)}: pass the scenarios to RunAndAssertAsync(name, scenarios, profile).");
        var entry = catalog.Get(scenario);
        return RunAndAssertAsync(entry.Name, entry.Create(), profileName);
    }

    private static async Task<ServerProfilingFixture?> FindProfilingFixtureAsync(ITestContext context)
    {
        // Only a fixture the suite declared on this test's collection: without one, no profiler code runs.
        if (context.TestCollection is not IXunitTestCollection collection)
        {
            return null;
        }

        foreach (var type in collection.CollectionFixtureTypes.Where(t => typeof(ServerProfilingFixture).IsAssignableFrom(t)))
        {
            if (await context.GetFixture(type).ConfigureAwait(false) is ServerProfilingFixture fixture)
            {
                return fixture;
            }
        }

        return null;
    }

    private async Task CompareAndAssertAsync(LoadTestSession started, string name, IReadOnlyList<Scenario> scenarios, LoadTestProfile profile)
    {
        var context = TestContext.Current;
        var output = new TestOutputSink(context);
        var settings = Settings!;
        var tolerance = started.Budgets.TryFor(name, profile.Name, out var budget) && budget.CompareTolerance is { } fraction
            ? ComparisonTolerance.ForLatency(fraction)
            : ComparisonTolerance.Default;
        var options = new ComparisonOptions(name, scenarios, profile)
        {
            Rounds = settings.CompareRounds ?? ComparisonOptions.DefaultRounds,
            RoundLength = settings.CompareRoundLength ?? TimeSpan.FromSeconds(ComparisonOptions.DefaultRoundSeconds),
            Tolerance = tolerance,
            BaselineLabel = $"baseline {settings.CompareBaseline}",
            CandidateLabel = $"candidate {UrlRedaction.Redact(started.Target.BaseUri)}",
        };
        var directory = ArtifactPaths.CaseDirectory(started.ArtifactsDirectory, started.RunId, name, profile.Name);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, ParentProcessWatch.Current.Gone);
        var (result, reports) = await ComparisonRunner.RunAsync(options,
            new CompareRounds.Side("baseline", _baseline!, _baselineTokens!), new CompareRounds.Side("candidate", started.Target, started.Tokens),
            null, directory, output.Live, interrupt.Token).ConfigureAwait(false);
        output.Output(result.Headline);
        foreach (var report in reports)
        {
            output.Attach(report);
        }

        var markdown = reports.First(r => r.EndsWith(".md", StringComparison.Ordinal));
        output.Live($"[{name} / {profile.Name}] {(result.HasRegression ? "REGRESSION" : "no regression")}: {result.Headline}; reports in {directory}");
        if (result.HasRegression)
        {
            var message = $"{name} / {profile.Name} regressed against the baseline:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", ComparisonReports.RegressionLines(result))
                + $"{Environment.NewLine}Report: {markdown}";
            FluentAssertions.Execution.Execute.Assertion.FailWith(message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        }
    }

    /// <summary>The profile named <paramref name="name"/>, sized with <paramref name="settings"/> (e.g. <c>PERF_MAX_VUSERS</c>).</summary>
    /// <param name="name">One of <see cref="ProfileNames"/>.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The profile.</returns>
    protected abstract LoadTestProfile ResolveProfile(string name, PerfSettings settings);
}
