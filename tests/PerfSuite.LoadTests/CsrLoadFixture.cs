using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Settings;
using PerfSuite.Scenarios.CsrScenarios;
using PerfSuite.Scenarios.Profiles;
using PerfSuite.Xunit;

namespace PerfSuite.LoadTests;

/// <summary>
/// The CSR suite's fixture: the embedded reference API (or <c>PERF_TARGET</c>), every scenario of the CSR catalog with
/// its budgets, and the CSR profiles; Socket.IO through the engine's default lean client. Started once before the first
/// load test, stopped after the last.
/// </summary>
public sealed class CsrLoadFixture : LoadTestFixture
{
    /// <summary>The CSR scenarios: every <see cref="ILoadScenario"/> of the scenarios assembly.</summary>
    public static ScenarioCatalog Scenarios { get; } = ScenarioCatalog.FromAssembly(typeof(All).Assembly);

    /// <summary>One row per scenario and profile selected by <c>PERF_PROFILES</c> (default smoke), with their traits.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Rows => LoadTestRows.FromEnvironment(Scenarios, CsrProfiles.Names, CsrProfiles.Smoke);

    /// <inheritdoc />
    protected override ScenarioCatalog Catalog => Scenarios;

    /// <inheritdoc />
    protected override string PreflightPath => "/api/v1/citizens/";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProfileNames => CsrProfiles.Names;

    /// <inheritdoc />
    protected override LoadTestProfile ResolveProfile(string name, PerfSettings settings) =>
        CsrProfiles.Get(name, settings.MaxVusers ?? CsrProfiles.DefaultSeedLoadMaxVusers);
}
