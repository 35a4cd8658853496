using System.Globalization;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Containers;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.QueueApi;
using PerfSuite.Scenarios.CsrScenarios;
using PerfSuite.Scenarios.Profiles;
using PerfSuite.Tests.Profiling;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Containers;

/// <summary>
/// The whole front-end path against the reference API's image: PERF_TARGET_IMAGE settings → container target → load session
/// → a CSR scenario (a 10-second profile) → reports, with the profiler pointed at the container's host PID (a fake py-spy:
/// the real one cannot be installed here).
/// </summary>
[Trait("Category", "Docker")]
[Collection(nameof(DockerTests))]
public sealed class ContainerLoadSessionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-container-").FullName;
    private readonly FakePySpy _pySpy = FakePySpy.Create();
    private readonly List<string> _log = [];

    [Fact]
    public async Task CSR_login_scenario_runs_without_errors_against_the_reference_API_in_a_container_profiled_by_its_host_pid()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        var ct = TestContext.Current.CancellationToken;
        var settings = Settings();
        // Every CSR scenario is named (the budgets file may hold budgets only for the suite's scenarios); one of them runs.
        var options = new LoadTestSessionOptions(settings, ScenarioCatalog.FromAssembly(typeof(LoginLoadDataIdle).Assembly).Names)
        {
            TargetFactory = s => QueueApiImage.Configure(s.Container!, readyPathSet: true).Build(),
        };
        var session = await LoadTestSession.StartAsync(options, _log.Add, ct);
        var target = session.Target.Should().BeOfType<ContainerTarget>().Which;
        var pid = target.ProcessId!.Value;
        var smoke = CsrProfiles.Get(CsrProfiles.Smoke);
        var shortProfile = smoke with { Load = new LoadProfile("short", [new ArrivalPhase("short", TimeSpan.FromSeconds(10), 2)]) };

        var profiler = ServerProfiler.Create(settings.PySpy, session.Target, _log.Add);

        var result = await session.RunAsync(new LoadTestRun(LoginLoadDataIdle.Name, [LoginLoadDataIdle.Create()], shortProfile) { Profiler = profiler }, ct);
        var runProfile = await profiler.WriteRunProfileAsync(session.RunDirectory, _log.Add);
        await session.DisposeAsync();

        result.Summary.ScenariosLaunched.Should().Be(20);
        result.Summary.ScenariosCompleted.Should().Be(20);
        result.Summary.Errors.Values.Sum().Should().Be(0);
        File.Exists(Path.Combine(result.ReportDirectory, "report.json")).Should().BeTrue();
        _pySpy.LoggedArguments().Should().ContainInOrder("--pid", pid.ToString(CultureInfo.InvariantCulture)).And.Contain("--subprocesses");
        File.Exists(Path.Combine(result.ReportDirectory, "profile.svg")).Should().BeTrue("the case's own flamegraph is recorded from the container's host PID");
        runProfile.Should().Be(Path.Combine(_directory, "perf", "run-1", "profile.svg"));
        (await DockerRequirement.SessionContainersAsync()).Should().BeEmpty("disposing the session removes the container");
    }

    public void Dispose()
    {
        _pySpy.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private PerfSettings Settings()
    {
        var variables = new Dictionary<string, string>
        {
            ["PERF_TARGET_IMAGE"] = DockerRequirement.ReferenceImage,
            ["PERF_DOCKER_NETWORK"] = "host",
            ["PERF_TARGET_READY"] = "/api/v1/healthz",
            ["PERF_ARTIFACTS"] = _directory,
            ["PERF_RUN_ID"] = "run-1",
            ["PERF_PYSPY"] = _pySpy.Executable,
        };
        return PerfSettings.Parse(name => variables.GetValueOrDefault(name), CsrProfiles.Names, variables.Keys);
    }
}
