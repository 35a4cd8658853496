using PerfSuite.Artillery;
using PerfSuite.Engine.Load;
using PerfSuite.Scenarios.CsrScenarios;
using PerfSuite.Scenarios.Profiles;

namespace PerfSuite.Tests.Artillery;

/// <summary>The users' scripts, imported, equal the CSR scenarios written in C#: the same steps and the same arrival plan.</summary>
public sealed class ArtilleryEquivalenceTests
{
    public static TheoryData<string> Scripts => ["csr-test-all.yaml", "csr-test-http.yaml", "csr-test-socket.yaml"];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void An_imported_script_has_the_steps_of_the_hand_written_scenarios(string script)
    {
        var imported = ArtilleryScripts.Load(script).Scenarios;
        var handWritten = All.Create().Where(s => imported.Any(i => i.Name == s.Name)).ToList();

        imported.Select(s => s.Name).Should().Equal(handWritten.Select(s => s.Name));
        foreach (var (artillery, csharp) in imported.Zip(handWritten))
        {
            artillery.Weight.Should().Be(csharp.Weight);
            artillery.Variables.Should().BeEmpty();
            StepDescription.Of(artillery).Should().Equal(StepDescription.Of(csharp), $"'{artillery.Name}' is imported step by step");
        }
    }

    [Fact]
    public void The_step_description_tells_different_steps_apart()
    {
        var one = Scenario.Create("x").Get("/api/v1/citizens/", r => r.Expect(200)).Think(TimeSpan.FromSeconds(5)).Build();
        var other = Scenario.Create("x").Get("/api/v1/citizens/", r => r.Expect(201)).Think(TimeSpan.FromSeconds(5)).Build();

        StepDescription.Of(one).Should().NotEqual(StepDescription.Of(other));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void An_imported_script_with_the_users_environment_has_the_seed_load_arrival_plan(string script)
    {
        var imported = ArtilleryScripts.Load(script).Profile;
        var handWritten = CsrProfiles.Get(CsrProfiles.SeedLoad).Load;

        var importedPlan = imported.Plan();
        var handWrittenPlan = handWritten.Plan();

        importedPlan.Starts.Should().Equal(handWrittenPlan.Starts);
        importedPlan.Duration.Should().Be(handWrittenPlan.Duration);

        // Artillery has no warm-up phase; PerfSuite's profiles mark their first phase as one (left out of the figures).
        imported.Phases.Should().Equal(handWritten.Phases.Select(p => p with { WarmUp = false }));
        imported.Validate().Should().BeEmpty();
    }

    [Fact]
    public void An_env_value_changes_the_plan_as_it_would_under_artillery()
    {
        var imported = ArtilleryScripts.Load("csr-test-all.yaml", overrides: new Dictionary<string, string> { ["MAX_VUSERS"] = "400" }).Profile;

        imported.Phases.Should().Equal(CsrProfiles.Get(CsrProfiles.Stress).Load.Phases.Select(p => p with { WarmUp = false }));
        imported.Name.Should().Be(ArtilleryScript.ProfileName);
    }
}
