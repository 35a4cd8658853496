using Microsoft.Extensions.Time.Testing;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Auth;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Sharding;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Sharding;

/// <summary>PERF_START_AT is the start of a process's first case; later cases of the process start at once, recorded as such.</summary>
public sealed class CommonStartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfsuite-common-start-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Only_the_first_call_waits_for_the_instant_later_calls_start_at_once_without_one()
    {
        var time = new FakeTimeProvider();
        var instant = time.GetUtcNow() + TimeSpan.FromSeconds(5);
        var start = new CommonStart(instant, time);

        var first = start.WaitAsync(CancellationToken.None);
        first.IsCompleted.Should().BeFalse("the first case waits for the instant");
        time.Advance(TimeSpan.FromSeconds(5));
        (await first).Should().Be(((DateTimeOffset?)instant, TimeSpan.Zero));
        time.Advance(TimeSpan.FromMinutes(2));
        var second = start.WaitAsync(CancellationToken.None);

        second.IsCompleted.Should().BeTrue("a later case starts at once, though the instant is 2 min past (more than the 30 s bound)");
        (await second).Should().Be(((DateTimeOffset?)null, TimeSpan.Zero));
        (await new CommonStart(null, time).WaitAsync(CancellationToken.None)).Should().Be(((DateTimeOffset?)null, TimeSpan.Zero));
        CommonStart.ForProcess(instant, time).Should().BeSameAs(CommonStart.ForProcess(instant, time), "every session of a process shares its common start");
    }

    [Fact]
    public async Task A_second_case_of_a_shard_process_starts_at_once_and_its_manifest_says_so_instead_of_refusing_the_past_instant()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var instant = time.GetUtcNow() + TimeSpan.FromSeconds(5);
        await using var session = new LoadTestSession(new ExternalTarget(server.BaseUri), NoTokenProvider.Instance, BudgetFile.None("test"), _root, "run-1")
        {
            Shard = new LoadShard(1, 2),
            StartAt = instant,
            Clock = time,
        };

        var first = session.RunAsync(Case("first"), TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        first.IsCompleted.Should().BeFalse("the first case waits for the common start");
        time.Advance(TimeSpan.FromSeconds(5));
        var one = await first.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(2));
        var two = await session.RunAsync(Case("second"), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var firstManifest = ShardManifest.Read(Path.Combine(one.ReportDirectory, ShardManifest.FileName));
        firstManifest.StartAt.Should().Be(instant);
        firstManifest.StartLag.Should().Be(TimeSpan.Zero);
        var secondManifest = ShardManifest.Read(Path.Combine(two.ReportDirectory, ShardManifest.FileName));
        secondManifest.StartAt.Should().BeNull("the second case started at once after the first, not at the instant");
        secondManifest.StartLag.Should().Be(TimeSpan.Zero);
        two.Summary.Requests.Should().Be(1, "shard 1 of 2 of 2 arrivals");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private LoadTestRun Case(string name) =>
        new(name, [Scenario.Create("get").Get("/").Build()], new LoadTestProfile("p", new LoadProfile("p", [new ArrivalPhase("a", TimeSpan.FromMilliseconds(400), 5)])))
        {
            Budget = new ScenarioBudget(name, "p", BudgetLimits.None),
            ReportDirectory = Path.Combine(_root, name),
        };
}
