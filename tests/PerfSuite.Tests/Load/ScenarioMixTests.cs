using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

/// <summary>The scenario mix as the runner applies it: each arrival picks a scenario by weight from the run's seed.</summary>
public sealed class ScenarioMixTests
{
    [Fact]
    public async Task Weights_1_and_3_split_200_arrivals_about_1_to_3_and_the_same_seed_repeats_the_split()
    {
        var first = await LaunchedPerScenario(seed: 5);
        var again = await LaunchedPerScenario(seed: 5);

        first.Sum().Should().Be(200);
        first[0].Should().BeInRange(30, 70, "a quarter of 200 is 50");
        again.Should().Equal(first);
    }

    private static async Task<long[]> LaunchedPerScenario(int seed)
    {
        var time = new FakeTimeProvider();
        Scenario[] scenarios =
        [
            Scenario.Create("light", weight: 1).Think(TimeSpan.FromMilliseconds(10)).Build(),
            Scenario.Create("heavy", weight: 3).Think(TimeSpan.FromMilliseconds(10)).Build(),
        ];
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9"), scenarios, new LoadProfile("mix", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 100)]))
        {
            TimeProvider = time,
            Seed = seed,
        };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        return summary.Scenarios.Select(s => s.Launched).ToArray();
    }
}
