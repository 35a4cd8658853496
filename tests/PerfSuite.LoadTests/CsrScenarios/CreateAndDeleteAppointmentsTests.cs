using PerfSuite.Scenarios.CsrScenarios;

namespace PerfSuite.LoadTests.CsrScenarios;

[Collection(nameof(CsrLoadTests))]
[Trait("Category", CsrLoadTests.Category)]
[Trait("Scenario", CreateAndDeleteAppointments.Name)]
public sealed class CreateAndDeleteAppointmentsTests(CsrLoadFixture fixture)
{
    [Theory]
    [MemberData(nameof(CsrLoadFixture.Profiles), MemberType = typeof(CsrLoadFixture))]
    public async Task Create_and_delete_appointments_meets_its_budget(string profile) =>
        await fixture.RunAndAssertAsync(CreateAndDeleteAppointments.Name, [CreateAndDeleteAppointments.Create()], profile);
}
