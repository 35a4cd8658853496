using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

[Trait("Category", "Load")]
public sealed class LoadTestSessionTargetDeathTests : IDisposable
{
    private const string Name = "healthz";
    private readonly string _artifacts = Directory.CreateTempSubdirectory("perfsuite-death-").FullName;

    [Fact]
    public async Task Sigkill_of_the_gunicorn_master_during_a_run_fails_it_at_once_naming_the_signal_and_the_server_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = new QueueApiBuilder().Build();
        await target.StartAsync(ct);
        var budgets = BudgetFile.Parse($$"""{ "version": 1, "scenarios": { "{{Name}}": { "smoke": { "error_rate": 1 } } } }""", "budgets.json");
        await using var session = new LoadTestSession(target, NoTokenProvider.Instance, budgets, _artifacts, "death");
        var profile = new LoadTestProfile("smoke", new LoadProfile("smoke", [new ArrivalPhase("steady", TimeSpan.FromSeconds(12), 10)]));
        var master = target.ProcessId!.Value;
        var run = session.RunAsync(Name, [Scenario.Create(Name).Get("/api/v1/healthz").Build()], profile, ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        ProcessGroup.Signal(master, ProcessGroup.SigKill);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30), ct);

        result.Verdict.Passed.Should().BeFalse("the server under test died during the run");
        result.Summary.Duration.Should().BeLessThan(TimeSpan.FromSeconds(9), "the run stops when the master dies, not at its planned end");
        var violations = await File.ReadAllTextAsync(Path.Combine(result.ReportDirectory, "violations.txt"), ct);
        violations.Should().StartWith($"target failed: gunicorn (pid {master}) was killed by signal 9 (SIGKILL)")
            .And.Contain("Booting worker", "the tail of the server's log is part of the failure");
    }

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);
}
