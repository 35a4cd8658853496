using PerfSuite.Scenarios.CsrScenarios;

namespace PerfSuite.LoadTests.CsrScenarios;

[Collection(nameof(CsrLoadTests))]
[Trait("Category", CsrLoadTests.Category)]
[Trait("Scenario", Websockets.Name)]
public sealed class WebsocketsTests(CsrLoadFixture fixture)
{
    [Theory]
    [MemberData(nameof(CsrLoadFixture.Profiles), MemberType = typeof(CsrLoadFixture))]
    public async Task Websockets_meets_its_budget(string profile) =>
        await fixture.RunAndAssertAsync(Websockets.Name, [Websockets.Create()], profile);
}
