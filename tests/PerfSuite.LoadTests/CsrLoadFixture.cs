using PerfSuite.Fixtures.Xunit;
using PerfSuite.Scenarios.CsrScenarios;
using PerfSuite.Scenarios.Profiles;

namespace PerfSuite.LoadTests;

/// <summary>
/// The CSR suite's fixture: the embedded reference API (or <c>PERF_TARGET</c>), the budgets of the four CSR runs,
/// and the CSR profiles; Socket.IO through the engine's default lean client. Started once before the first load test,
/// stopped after the last.
/// </summary>
public sealed class CsrLoadFixture : LoadTestFixture
{
    /// <summary>One row per profile selected by <c>PERF_PROFILES</c> (default smoke), each with its <c>Profile</c> trait.</summary>
    public static IEnumerable<TheoryDataRow<string>> Profiles => LoadTestRows.FromEnvironment(CsrProfiles.Names, CsrProfiles.Smoke);

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProfileNames => CsrProfiles.Names;

    /// <inheritdoc />
    protected override IReadOnlyList<string> ScenarioNames =>
        [LoginLoadDataIdle.Name, CreateAndDeleteAppointments.Name, Websockets.Name, All.Name];

    /// <inheritdoc />
    protected override LoadTestProfile ResolveProfile(string name, PerfSettings settings) =>
        CsrProfiles.Get(name, settings.MaxVusers ?? CsrProfiles.DefaultSeedLoadMaxVusers);
}
