using PerfSuite.Engine.Load;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Load;

/// <summary>
/// A dedicated thread paces the arrivals and runs each user up to its first wait, on the system clock and on a virtual
/// one alike. On the system clock a flow that starts with a custom step may block; it must not hold up the arrivals behind it.
/// </summary>
public sealed class PacerThreadTests
{
    [Fact]
    public async Task In_virtual_time_the_pacer_thread_starts_every_user_exactly_when_planned()
    {
        var threads = new System.Collections.Concurrent.ConcurrentQueue<string?>();
        var started = new System.Collections.Concurrent.ConcurrentQueue<TimeSpan>();
        var time = new FakeTimeProvider();
        var origin = time.GetTimestamp();
        var flow = Scenario.Create("where").Step("where", (_, _) =>
        {
            threads.Enqueue(Thread.CurrentThread.Name);
            started.Enqueue(time.GetElapsedTime(origin));
            return Task.CompletedTask;
        }).Build();
        var profile = new LoadProfile("p", [new ArrivalPhase("steady", TimeSpan.FromSeconds(1), 4)]);
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9"), [flow], profile) { TimeProvider = time };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));

        threads.Should().Equal(Enumerable.Repeat("PerfSuite arrivals", 4), "the production pacer runs in virtual time too, not timers");
        started.Should().Equal(TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(750));
        summary.Generator.ArrivalLag.MaxMs.Should().BeLessThanOrEqualTo(0.001, "the histogram's smallest value: no lag");
        summary.ScenariosCompleted.Should().Be(4);
    }

    [Fact]
    public async Task A_flow_starting_with_a_blocking_custom_step_does_not_delay_the_next_arrivals()
    {
        // 20 arrivals in 1 s, each blocking its thread for 300 ms: run on the pacer, the last would start about 5 s late.
        var flow = Scenario.Create("blocking").Step("block", (_, _) =>
        {
            Thread.Sleep(300);
            return Task.CompletedTask;
        }).Build();
        var profile = new LoadProfile("p", [new ArrivalPhase("steady", TimeSpan.FromSeconds(1), 20)]);
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9"), [flow], profile) { GracefulStop = TimeSpan.FromSeconds(30) };

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);

        summary.ScenariosLaunched.Should().Be(20);
        summary.ScenariosCompleted.Should().Be(20);
        summary.Generator.ArrivalLag.MaxMs.Should().BeLessThan(1000, "a blocking first step runs on the thread pool, not on the thread that paces arrivals");
    }

    [Fact]
    public async Task Arrivals_on_the_system_clock_start_on_time_and_each_is_counted_once()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        var flow = Scenario.Create("one").Get("/a").Build();
        var profile = new LoadProfile("p", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 50)]);
        var options = new LoadRunOptions(server.BaseUri, [flow], profile);

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);

        summary.ScenariosLaunched.Should().Be(100);
        summary.Requests.Should().Be(100);
        server.Requests.Should().Be(100);
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 100 });
    }
}
