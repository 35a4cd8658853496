using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Xunit;

namespace MyApi.PerfTests;

/// <summary>
/// Started once before the first load test: reads the PERF_* settings, checks budgets.json, and targets PERF_TARGET
/// (a server on this machine; a remote one also needs PERF_ALLOW_REMOTE=1). Credentials: PERF_TOKEN, or the OIDC
/// password grant (PERF_TOKEN_URL, PERF_CLIENT_ID, PERF_USERNAME, PERF_PASSWORD), or none.
/// </summary>
public sealed class LoadFixture : LoadTestFixture
{
    /// <summary>Every <see cref="ILoadScenario"/> of this project.</summary>
    public static ScenarioCatalog Scenarios { get; } = ScenarioCatalog.FromAssembly(typeof(LoadFixture).Assembly);

    /// <summary>One test case per scenario and selected profile.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Rows => LoadTestRows.FromEnvironment(Scenarios, LoadProfiles.Names);

    /// <inheritdoc />
    protected override ScenarioCatalog Catalog => Scenarios;

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProfileNames => LoadProfiles.Names;

    /// <inheritdoc />
    protected override ITarget CreateTarget(PerfSettings settings) =>
        settings.Target is { } url
            ? new ExternalTarget(url)
            : throw new PerfSettingsException("Set PERF_TARGET to your server's URL, e.g. PERF_TARGET=http://127.0.0.1:8080 dotnet test");

    /// <inheritdoc />
    protected override ITokenProvider CreateTokenProvider(PerfSettings settings, ITarget target) =>
        settings.Token is null && settings.Oidc is null ? NoTokenProvider.Instance : TokenProviders.Create(settings, target);

    /// <inheritdoc />
    protected override LoadTestProfile ResolveProfile(string name, PerfSettings settings) => LoadProfiles.Get(name);
}

/// <summary>All load tests share one <see cref="LoadFixture"/> and run one at a time.</summary>
[CollectionDefinition(nameof(LoadTestCollection), DisableParallelization = true)]
public sealed class LoadTestCollection : ICollectionFixture<LoadFixture>;

/// <summary>Each scenario at each selected profile meets its budget in budgets.json; reports land in artifacts/perf/.</summary>
[Collection(nameof(LoadTestCollection))]
[Trait("Category", "Load")]
public sealed class LoadTests(LoadFixture fixture)
{
    [Theory]
    [MemberData(nameof(LoadFixture.Rows), MemberType = typeof(LoadFixture))]
    public async Task Scenario_meets_its_budget(string scenario, string profile) =>
        await fixture.RunAndAssertAsync(scenario, profile);
}
