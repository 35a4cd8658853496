using PerfSuite.Artillery;
using PerfSuite.Xunit;
using PerfSuite.Xunit.Artillery;

namespace PerfSuite.Tests.Xunit.Artillery;

/// <summary>The users' scripts as xUnit theories: one row per script scenario, run against the reference API and gated on the script's ensure.</summary>
[CollectionDefinition(nameof(ArtilleryScenariosTests), DisableParallelization = true)]
public sealed class ArtilleryScenariosTests : ICollectionFixture<CsrArtilleryFixture>
{
    public const string All = "Artillery/loadtests/csr-test-all.yaml";

    public const string Keys = "Artillery/loadtests/csr-test-keys.yaml";

    public const string CiEnvironment = "Artillery/loadtests/ci-envs.sh";
}

[Trait("Category", "Load")]
[Collection(nameof(ArtilleryScenariosTests))]
public sealed class ArtilleryScenarioTheoryTests(CsrArtilleryFixture fixture)
{
    [Theory]
    [ArtilleryScenarios(ArtilleryScenariosTests.All, EnvFile = ArtilleryScenariosTests.CiEnvironment)]
    [ArtilleryScenarios(ArtilleryScenariosTests.Keys, EnvFile = ArtilleryScenariosTests.CiEnvironment)]
    public async Task Script_scenario_meets_its_ensure_budget(string script, string scenario, string envFile)
    {
        var result = await fixture.RunAndAssertAsync(script, scenario, envFile);

        result.Summary.Requests.Should().BePositive();
        result.Summary.FailedRequests.Should().Be(0);
        result.Budget.Profile.Should().Be(ArtilleryScript.ProfileName);
        result.Reports.Select(Path.GetFileName).Should().Contain(["summary.txt", "report.md", "report.html", "report.json"]);
    }
}

public sealed class ArtilleryScenariosAttributeTests
{
    [Fact]
    public async Task Rows_are_the_scenarios_of_the_script_with_their_traits()
    {
        var attribute = new ArtilleryScenariosAttribute(ArtilleryScenariosTests.All) { EnvFile = ArtilleryScenariosTests.CiEnvironment };

        var rows = await attribute.GetData(typeof(ArtilleryScenariosAttributeTests).GetMethod(nameof(Rows_are_the_scenarios_of_the_script_with_their_traits))!, new());

        rows.Select(r => r.GetData()[1]).Should().Equal("CSR – Login, load data, idle", "CSR – Create and delete appointments", "CSR – Websockets");
        rows.Should().AllSatisfy(r =>
        {
            r.GetData().Should().Equal(ArtilleryScenariosTests.All, r.GetData()[1], ArtilleryScenariosTests.CiEnvironment);
            r.Traits![LoadTestRows.ProfileTrait].Should().Equal(ArtilleryScript.ProfileName);
            r.Traits!["Script"].Should().Equal("csr-test-all");
            r.Traits![LoadTestRows.ScenarioTrait].Should().Equal((string)r.GetData()[1]!);
        });
    }

    [Fact]
    public async Task A_script_that_cannot_run_fails_discovery_with_its_problems()
    {
        var script = Path.Combine(Path.GetTempPath(), $"perfsuite-bad-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(script, "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\nscenarios:\n  - engine: playwright\n    flow: [ { get: { url: / } } ]\n", TestContext.Current.CancellationToken);
        var attribute = new ArtilleryScenariosAttribute(script);

        var rows = () => attribute.GetData(typeof(ArtilleryScenariosAttributeTests).GetMethod(nameof(A_script_that_cannot_run_fails_discovery_with_its_problems))!, new()).AsTask();

        (await rows.Should().ThrowAsync<ArtilleryScriptException>()).Which.Problems.Select(p => p.ToString()).Should().Equal(
            $"{script}:5:13: scenarios[0].engine: engine 'playwright' is not supported (supported: http, socketio)");
        File.Delete(script);
    }
}
