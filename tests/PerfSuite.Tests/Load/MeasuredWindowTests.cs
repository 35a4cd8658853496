using System.Net;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

/// <summary>
/// Honest time, in virtual time: the measured window is the plan's; the drain after it (users finishing their flow) and
/// the grace after an interrupt are reported apart, rates use the window, and an interrupted run says when the interrupt came.
/// </summary>
public sealed class MeasuredWindowTests
{
    private static readonly Uri NoServer = new("http://127.0.0.1:9");

    [Fact]
    public async Task A_1_second_plan_whose_flow_thinks_5_seconds_measures_1_second_and_reports_the_drain_apart()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("thinker").Get("/").Think(TimeSpan.FromSeconds(5)).Build();
        var profile = new LoadProfile("short", [new ArrivalPhase("steady", TimeSpan.FromSeconds(1), 4)]);
        var options = new LoadRunOptions(NoServer, [flow], profile) { TimeProvider = time, HttpHandlerFactory = () => new OkHandler() };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        summary.ScenariosCompleted.Should().Be(4, "arrivals at 0, 0.25, 0.5 and 0.75 s each think 5 s and end by 5.75 s");
        summary.Requests.Should().Be(4);
        summary.Duration.Should().Be(TimeSpan.FromSeconds(1), "the measured window is the plan's 1 s, not the 5.75 s until the last user ended");
        summary.RequestsPerSecond.Should().Be(4, "4 requests over the 1 s window");
        summary.Drain.Should().Be(TimeSpan.FromSeconds(4.75), "the last user ended 4.75 s after the window");
        summary.InterruptedAfter.Should().BeNull();
    }

    [Fact]
    public async Task An_interrupt_at_2_seconds_ends_the_window_there_and_reports_the_grace_apart()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("thinker").Get("/").Think(TimeSpan.FromSeconds(30)).Build();
        var profile = new LoadProfile("long", [new ArrivalPhase("steady", TimeSpan.FromSeconds(60), 10)]);
        using var interrupt = new CancellationTokenSource();
        var options = new LoadRunOptions(NoServer, [flow], profile) { TimeProvider = time, HttpHandlerFactory = () => new OkHandler(), InterruptGrace = TimeSpan.FromSeconds(3) };
        var run = LoadRunner.RunAsync(options, interrupt.Token, CancellationToken.None);
        for (var i = 0; i < 200; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        await interrupt.CancelAsync();
        var summary = await time.RunAsync(run, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5.5));

        summary.Cancelled.Should().BeTrue();
        summary.Requests.Should().Be(21, "arrivals due at 0, 0.1 … 2.0 s each sent one request");
        summary.Duration.Should().Be(TimeSpan.FromSeconds(2), "the window ends when the interrupt came, not after the 3 s grace");
        summary.RequestsPerSecond.Should().Be(10.5);
        summary.InterruptedAfter.Should().Be(TimeSpan.FromSeconds(2));
        summary.Drain.Should().Be(TimeSpan.FromSeconds(3), "the in-flight users had the whole 3 s grace");
    }

    [Fact]
    public async Task A_warm_up_is_left_out_of_the_window_and_an_interrupt_time_counts_from_the_start()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("quick").Get("/").Think(TimeSpan.FromSeconds(2)).Build();
        var profile = new LoadProfile("warm", [
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(1), 2) { WarmUp = true },
            new ArrivalPhase("measure", TimeSpan.FromSeconds(2), 2),
        ]);
        var options = new LoadRunOptions(NoServer, [flow], profile) { TimeProvider = time, HttpHandlerFactory = () => new OkHandler() };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        summary.Duration.Should().Be(TimeSpan.FromSeconds(2));
        summary.Drain.Should().Be(TimeSpan.FromSeconds(1.5), "the last arrival, at 2.5 s, thinks until 4.5 s; the window ended at 3 s");
    }

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
    }
}
