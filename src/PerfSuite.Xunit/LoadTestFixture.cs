using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using Xunit;

namespace PerfSuite.Xunit;

/// <summary>
/// Base of a suite's collection (or assembly) fixture: before any load test runs it reads the <c>PERF_*</c> settings,
/// validates the budgets, starts the target and checks the credentials; after the last test it stops the target.
/// A failure to start does not throw from <see cref="InitializeAsync"/>: it is kept, and every test that calls
/// <see cref="RunAndAssertAsync(string, IReadOnlyList{Scenario}, string)"/> fails with it, so each test reports the real cause (invalid budget, missing
/// Python module, refused remote target...).
/// </summary>
public abstract class LoadTestFixture : IAsyncLifetime
{
    private LoadTestSession? session;
    private Exception? startFailure;

    /// <summary>The settings; <c>null</c> before start or when they were invalid.</summary>
    public PerfSettings? Settings { get; private set; }

    /// <summary>The started session.</summary>
    /// <exception cref="InvalidOperationException">The fixture failed to start; the inner exception is the cause.</exception>
    public LoadTestSession Session => session ?? throw new InvalidOperationException(
        startFailure is null ? "The load test fixture has not been initialized." : $"The load test fixture failed to start: {startFailure.Message}",
        startFailure);

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

    /// <summary>Opens Socket.IO connections; <c>null</c> (the default) for the engine's own lean client.</summary>
    protected virtual Func<SocketIoConnectOptions, CancellationToken, Task<ISocketIoConnection>>? SocketIoConnector => null;

    /// <summary>Creates the (not yet started) server under test; default <see cref="TargetFactory.FromSettings"/> (<c>PERF_TARGET</c> or the embedded reference API).</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The target.</returns>
    protected virtual ITarget CreateTarget(PerfSettings settings) => TargetFactory.FromSettings(settings);

    /// <summary>Chooses how users authenticate against the started target; default <see cref="TokenProviders.Create"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="target">The started target.</param>
    /// <returns>The token provider (<see cref="NoTokenProvider"/> for an API without auth).</returns>
    protected virtual ITokenProvider CreateTokenProvider(PerfSettings settings, ITarget target) => TokenProviders.Create(settings, target);

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
            };
            session = await LoadTestSession.StartAsync(options, line => context.SendDiagnosticMessage($"load tests: {line}"), context.CancellationToken)
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Kept and rethrown by every test, which is how xUnit shows each test the real cause.
        catch (Exception e)
#pragma warning restore CA1031
        {
            startFailure = e;
            context.SendDiagnosticMessage($"load tests: the fixture failed to start: {e.Message}");
        }
    }

    /// <summary>Stops the profiler when one runs (its profile path goes to the diagnostic messages), then the target.</summary>
    /// <returns>A task completing when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            session = null;
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
    /// <returns>The result, after the assertion passed.</returns>
    public async Task<LoadTestResult> RunAndAssertAsync(string name, IReadOnlyList<Scenario> scenarios, string profileName)
    {
        var started = Session;
        var result = await started.RunAsync(name, scenarios, ResolveProfile(profileName, Settings!), TestContext.Current.CancellationToken).ConfigureAwait(false);
        result.AssertBudget();
        return result;
    }

    /// <summary>
    /// Runs the catalog's scenario <paramref name="scenario"/> (id or name) at the profile named <paramref name="profileName"/>,
    /// writes and attaches the reports, then asserts its budget.
    /// </summary>
    /// <param name="scenario">A scenario id from <see cref="Catalog"/> (a theory row from <see cref="LoadTestRows.ForCatalog"/>).</param>
    /// <param name="profileName">The profile (a theory row).</param>
    /// <returns>The result, after the assertion passed.</returns>
    public Task<LoadTestResult> RunAndAssertAsync(string scenario, string profileName)
    {
        var catalog = Catalog ?? throw new InvalidOperationException($"{GetType().Name} has no {nameof(Catalog)}: pass the scenarios to RunAndAssertAsync(name, scenarios, profile).");
        var entry = catalog.Get(scenario);
        return RunAndAssertAsync(entry.Name, entry.Create(), profileName);
    }

    /// <summary>The profile named <paramref name="name"/>, sized with <paramref name="settings"/> (e.g. <c>PERF_MAX_VUSERS</c>).</summary>
    /// <param name="name">One of <see cref="ProfileNames"/>.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The profile.</returns>
    protected abstract LoadTestProfile ResolveProfile(string name, PerfSettings settings);
}
