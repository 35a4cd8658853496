using PerfSuite.Scenarios.CsrScenarios;

namespace PerfSuite.LoadTests.CsrScenarios;

[Collection(nameof(CsrLoadTests))]
[Trait("Category", CsrLoadTests.Category)]
[Trait("Scenario", LoginLoadDataIdle.Name)]
public sealed class LoginLoadDataIdleTests(CsrLoadFixture fixture)
{
    [Theory]
    [MemberData(nameof(CsrLoadFixture.Profiles), MemberType = typeof(CsrLoadFixture))]
    public async Task Login_load_data_and_idle_meets_its_budget(string profile) =>
        await fixture.RunAndAssertAsync(LoginLoadDataIdle.Name, [LoginLoadDataIdle.Create()], profile);
}
