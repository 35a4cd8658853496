using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Tests.Profiling;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

/// <summary>The load-test session with a server profiler (the py-spy stand-in) against the real reference API: one recording per test case.</summary>
[Trait("Category", "Load")]
public sealed class LoadTestProfilingTests : IDisposable
{
    private const string Loose = "Stub – Reads";
    private const string Other = "Stub – Other reads";
    private const string Tight = "Stub – Tight";

    private static readonly LoadTestProfile OneSecond =
        new("smoke", new LoadProfile("smoke", [new ArrivalPhase("steady", TimeSpan.FromSeconds(1), 5)]), ThinkTimeScale: 0)
        {
            GracefulStop = TimeSpan.FromSeconds(5),
        };

    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-profiling-").FullName;
    private readonly FakePySpy _fake = FakePySpy.Create();
    private readonly List<string> _log = [];

    [Fact]
    public async Task Each_case_records_its_own_raw_profile_renders_its_flamegraph_and_the_run_profile_merges_every_sample()
    {
        var ct = TestContext.Current.CancellationToken;
        var (session, profiler) = await StartAsync(_fake.Executable, ct);
        var pid = session.Target.ProcessId!.Value;

        var first = await session.RunAsync(Run(Loose, profiler), ct);
        var second = await session.RunAsync(Run(Other, profiler), ct);
        var runProfile = await profiler.WriteRunProfileAsync(session.RunDirectory, _log.Add);
        await session.DisposeAsync();

        _fake.LoggedArguments().Should().ContainInOrder("record", "-o", Path.Combine(second.ReportDirectory, "profile.txt"), "--pid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "raw")
            .And.Contain("--subprocesses");
        var cases = new[] { first, second }.Select(r => CollapsedStacks.Parse(File.ReadAllText(Path.Combine(r.ReportDirectory, "profile.txt")))).ToList();
        cases.Should().OnlyContain(c => c.TotalSamples > 0 && c.Stacks.All(s => s.Frames[0].StartsWith($"process {pid}:", StringComparison.Ordinal)));
        first.Reports.Select(Path.GetFileName).Should().Contain(["profile.svg", "profile.txt"]).And.NotContain("server-dump.txt");
        File.ReadAllText(first.MarkdownReport).Should().Contain("## Server hot spots").And.Contain("samples of the server during this run").And.Contain("### By own samples");
        var run = Path.Combine(_directory, "perf", "run-1");
        runProfile.Should().Be(Path.Combine(run, "profile.svg"));
        File.ReadAllText(runProfile!).Should().StartWith("<svg");
        CollapsedStacks.Parse(File.ReadAllText(Path.Combine(run, "profile.txt"))).TotalSamples.Should().Be(cases.Sum(c => c.TotalSamples));
        _log.Should().Contain(l => l.StartsWith("profiling: each load test case records the target's own process", StringComparison.Ordinal));
        ProcessDiscovery.FirstMatching(_fake.Directory).Should().BeNull("every py-spy is stopped when its case ends");
    }

    [Fact]
    public async Task A_case_that_misses_its_budget_gets_a_server_dump_and_a_case_that_meets_it_does_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var (session, profiler) = await StartAsync(_fake.Executable, ct);
        await using var disposeSession = session;
        var pid = session.Target.ProcessId!.Value;

        var tight = await session.RunAsync(Run(Tight, profiler), ct);
        var loose = await session.RunAsync(Run(Loose, profiler), ct);

        tight.Verdict.Passed.Should().BeFalse();
        var dump = Path.Combine(tight.ReportDirectory, "server-dump.txt");
        tight.Reports.Should().Contain(dump);
        File.ReadAllText(dump).Should().StartWith($"Process {pid}: ").And.Contain("Parent Process").And.Contain("Thread ");
        _fake.LoggedArguments().Should().NotContain("dump", "the last py-spy run was the loose case's record");
        loose.Verdict.Passed.Should().BeTrue();
        File.Exists(Path.Combine(loose.ReportDirectory, "server-dump.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_py_spy_leaves_profiling_off_and_every_report_says_why()
    {
        var ct = TestContext.Current.CancellationToken;
        var (session, profiler) = await StartAsync(Path.Combine(_directory, "no-such-py-spy"), ct);
        await using var disposeSession = session;

        var result = await session.RunAsync(Run(Loose, profiler), ct);

        _log.Should().Contain(l => l.StartsWith("profiling is off:", StringComparison.Ordinal) && l.Contains("pip install py-spy", StringComparison.Ordinal));
        File.ReadAllText(result.MarkdownReport).Should().Contain("## Server hot spots\n\nNo server profile for this run: py-spy was not found at");
        result.Reports.Select(Path.GetFileName).Should().NotContain("profile.svg");
    }

    public void Dispose()
    {
        _fake.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static LoadTestRun Run(string name, ServerProfiler profiler) => new(name, [Reads(name)], OneSecond) { Profiler = profiler };

    private async Task<(LoadTestSession Session, ServerProfiler Profiler)> StartAsync(string pySpy, CancellationToken ct)
    {
        var settings = Settings(pySpy);
        var session = await LoadTestSession.StartAsync(new LoadTestSessionOptions(settings, [Loose, Other, Tight]) { TargetFactory = _ => new QueueApiBuilder().Build() }, _log.Add, ct);
        return (session, ServerProfiler.Create(settings.PySpy, session.Target, _log.Add));
    }

    private static Scenario Reads(string name) => Scenario.Create(name).Get("/api/v1/citizens/", r => r.Expect(200)).Build();

    private PerfSettings Settings(string pySpy)
    {
        var budgets = Path.Combine(_directory, "budgets.json");
        File.WriteAllText(budgets, $$"""
            { "version": 1, "scenarios": { "{{Loose}}": { "smoke": { "p95_ms": 5000 } }, "{{Other}}": { "smoke": { "p95_ms": 5000 } }, "{{Tight}}": { "smoke": { "p95_ms": 0.001 } } } }
            """);
        var variables = new Dictionary<string, string>
        {
            ["PERF_BUDGETS"] = budgets,
            ["PERF_ARTIFACTS"] = _directory,
            ["PERF_RUN_ID"] = "run-1",
            ["PERF_PYSPY"] = pySpy,
        };
        return PerfSettings.Parse(name => variables.GetValueOrDefault(name), ["smoke"]);
    }
}
