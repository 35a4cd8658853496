using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

/// <summary>An interrupted run, in virtual time: arrivals stop at once, in-flight users get the interrupt grace, the summary says cancelled.</summary>
public sealed class LoadRunnerInterruptTests
{
    private static readonly Uri NoServer = new("http://127.0.0.1:9");

    [Fact]
    public async Task Interrupting_a_60_second_run_at_2_seconds_starts_no_later_arrival_and_returns_a_cancelled_summary_after_the_grace()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("thinker").Think(TimeSpan.FromSeconds(30)).Build();
        var profile = new LoadProfile("long", [new ArrivalPhase("steady", TimeSpan.FromSeconds(60), 10)]);
        using var interrupt = new CancellationTokenSource();
        var options = new LoadRunOptions(NoServer, [flow], profile) { TimeProvider = time, InterruptGrace = TimeSpan.FromSeconds(3) };
        var run = LoadRunner.RunAsync(options, interrupt.Token, CancellationToken.None);
        for (var i = 0; i < 200; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        await interrupt.CancelAsync();
        // The virtual clock stops at 5.5 s, past the grace (interrupt at 2 s + 3 s): a run that waited for the 30 s
        // think times never completes. Where the clock stops does not depend on how fast the machine runs the engine.
        var summary = await time.RunAsync(run, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5.5));

        summary.Cancelled.Should().BeTrue();
        summary.ScenariosLaunched.Should().Be(21, "arrivals due at 0, 0.1 … 2.0 s started before the interruption, none after");
        summary.ScenariosCompleted.Should().Be(0, "30 s think times are cut at the 3 s grace");
        summary.Duration.Should().BeLessThan(TimeSpan.FromSeconds(6));
    }
}
