using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Tests.Profiling;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class LoadTestProfilingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("perfsuite-profiling-").FullName;
    private readonly FakePySpy fake = FakePySpy.Create();
    private readonly List<string> log = [];

    [Fact]
    public async Task PERF_PYSPY_profiles_the_gunicorn_master_for_the_session_and_writes_the_profile_under_the_run()
    {
        var settings = Settings(fake.Executable);
        var session = await LoadTestSession.StartAsync(settings, [StubLoadTestFixture.ScenarioName], null, log.Add, TestContext.Current.CancellationToken);
        var pid = session.Target.ProcessId!.Value;
        var pySpyPid = session.Profiler!.ProcessId!.Value;

        await session.DisposeAsync();

        var expected = Path.Combine(directory, "perf", "run-1", $"profile-{pid}.svg");
        session.ProfilePath.Should().Be(expected);
        File.Exists(expected).Should().BeTrue();
        fake.LoggedArguments().Should().ContainInOrder("--pid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("--subprocesses");
        log.Should().Contain(l => l.StartsWith("profiling: py-spy", StringComparison.Ordinal)).And.Contain($"profile: {expected}");
        ProcessGroup.Members(pySpyPid).Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_py_spy_leaves_profiling_off_with_the_reason_and_the_session_still_starts()
    {
        var settings = Settings(Path.Combine(directory, "no-such-py-spy"));

        await using var session = await LoadTestSession.StartAsync(settings, [StubLoadTestFixture.ScenarioName], null, log.Add, TestContext.Current.CancellationToken);

        session.Profiler.Should().BeNull();
        session.Target.BaseUri.Should().NotBeNull();
        log.Should().Contain(l => l.StartsWith("profiling is off:", StringComparison.Ordinal) && l.Contains("pip install py-spy", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private PerfSettings Settings(string pySpy)
    {
        var budgets = Path.Combine(directory, "budgets.json");
        File.WriteAllText(budgets, """
            { "version": 1, "scenarios": { "Stub – Reads": { "smoke": { "p95_ms": 500 } } } }
            """);
        var variables = new Dictionary<string, string>
        {
            ["PERF_BUDGETS"] = budgets,
            ["PERF_ARTIFACTS"] = directory,
            ["PERF_RUN_ID"] = "run-1",
            ["PERF_PYSPY"] = pySpy,
        };
        return PerfSettings.Parse(name => variables.GetValueOrDefault(name), ["smoke"]);
    }
}
