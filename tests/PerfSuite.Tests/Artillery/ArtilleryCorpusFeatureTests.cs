using PerfSuite.Artillery;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Artillery;

/// <summary>Features the corpus scripts use, read as Artillery 2.0.34 runs them.</summary>
public sealed class ArtilleryCorpusFeatureTests
{
    private const string Phases = "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n";

    [Fact]
    public void A_variable_nothing_sets_is_undefined_as_in_Artillery_with_a_warning()
    {
        const string yaml = Phases + "scenarios:\n  - name: x\n    flow:\n      - get: { url: \"{{ url }}\" }\n      - get: { url: \"/a/{{ id }}\" }\n";
        var handWritten = Scenario.Create("x").WithVariable("url", "undefined").WithVariable("id", "undefined")
            .Step("GET {url}", (_, _) => Task.CompletedTask)
            .Get("/a/{id}", r => r.AnyStatus())
            .Build();

        var script = ArtilleryScriptLoader.Parse(yaml, "unset.yml");

        StepDescription.Of(script.Scenarios.Single()).Should().Equal(StepDescription.Of(handWritten));
        script.Warnings.Select(w => w.Message).Should().HaveCount(2).And.Contain(m => m.StartsWith("{{ url }} is used in scenario 'x' before anything sets it: Artillery fills in 'undefined'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_whole_url_of_a_variable_nothing_sets_fails_without_sending_as_Artillery_does()
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "scenarios:\n  - flow: [ { get: { url: \"{{ url }}\" } } ]\n", "unset.yml");

        var step = script.Scenarios.Single().Steps.Single();

        step.GetType().Name.Should().Be("LambdaStep");
        step.EndpointName.Should().Be("GET {url}");
    }
}
