using PerfSuite.Scenarios.CsrScenarios;

namespace PerfSuite.LoadTests.CsrScenarios;

[Collection(nameof(CsrLoadTests))]
[Trait("Category", CsrLoadTests.Category)]
[Trait("Scenario", All.Name)]
public sealed class AllTests(CsrLoadFixture fixture)
{
    [Theory]
    [MemberData(nameof(CsrLoadFixture.Profiles), MemberType = typeof(CsrLoadFixture))]
    public async Task All_three_flows_mixed_meet_the_combined_budget(string profile) =>
        await fixture.RunAndAssertAsync(All.Name, All.Create(), profile);
}
