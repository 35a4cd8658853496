using PerfSuite.Fixtures;

namespace PerfSuite.LoadTests;

/// <summary>
/// The CSR load suite: one theory over the scenario catalog, one test case per scenario and profile, every case sharing
/// one <see cref="CsrLoadFixture"/> (one server, one run id) and running one at a time, each profiled by
/// <see cref="CsrProfilingFixture"/> where py-spy can record it. A new scenario is one file in
/// <c>scenarios/PerfSuite.Scenarios</c> plus its budget entry.
/// </summary>
[CollectionDefinition(nameof(CsrLoadTests), DisableParallelization = true)]
public sealed class CsrLoadTests : ICollectionFixture<CsrLoadFixture>, ICollectionFixture<CsrProfilingFixture>
{
    /// <summary>The trait value every load test carries as <c>Category</c>.</summary>
    public const string Category = "Load";
}

/// <summary>Each CSR scenario at each selected profile meets its budget.</summary>
[Collection(nameof(CsrLoadTests))]
[Trait("Category", CsrLoadTests.Category)]
public sealed class CsrScenarioTests(CsrLoadFixture fixture)
{
    [Theory]
    [MemberData(nameof(CsrLoadFixture.Rows), MemberType = typeof(CsrLoadFixture))]
    public async Task Scenario_meets_its_budget(string scenario, string profile) =>
        await fixture.RunAndAssertAsync(scenario, profile);
}
