using MyApi.PerfTests.Fixtures;
using PerfSuite.Xunit;

namespace MyApi.PerfTests;

/// <summary>
/// The load tests share one <see cref="LoadFixture"/> and run one at a time; <see cref="ServerProfilingFixture"/> profiles
/// the server of each case with py-spy where it is installed (PERF_SERVER_PROFILE=off to skip; remove it if your server is
/// not Python).
/// </summary>
[CollectionDefinition(nameof(LoadTestCollection), DisableParallelization = true)]
public sealed class LoadTestCollection : ICollectionFixture<LoadFixture>, ICollectionFixture<ServerProfilingFixture>;

/// <summary>Each scenario at each selected profile meets its budget in scenarios/budgets.json; reports land in artifacts/perf/.</summary>
[Collection(nameof(LoadTestCollection))]
[Trait("Category", "Load")]
public sealed class LoadTests(LoadFixture fixture)
{
    [Theory]
    [MemberData(nameof(LoadFixture.Rows), MemberType = typeof(LoadFixture))]
    public async Task Scenario_meets_its_budget(string scenario, string profile) =>
        await fixture.RunAndAssertAsync(scenario, profile);
}
