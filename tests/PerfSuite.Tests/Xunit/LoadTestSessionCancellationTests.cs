using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class LoadTestSessionCancellationTests : IDisposable
{
    private const string Name = "cancel-me";
    private readonly string _artifacts = Directory.CreateTempSubdirectory("perfsuite-cancel-").FullName;

    [Fact]
    public async Task Cancelling_a_run_stops_arrivals_at_once_and_writes_reports_marked_cancelled_that_never_pass()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        var budgets = BudgetFile.Parse($$"""{ "version": 1, "scenarios": { "{{Name}}": { "smoke": { "error_rate": 1 } } } }""", "budgets.json");
        await using var session = new LoadTestSession(new ExternalTarget(server.BaseUri), NoTokenProvider.Instance, budgets, _artifacts, "cancel");
        var profile = new LoadTestProfile("smoke", new LoadProfile("smoke", [new ArrivalPhase("steady", TimeSpan.FromSeconds(60), 20)]));
        using var cancel = new CancellationTokenSource();
        var scenario = Scenario.Create(Name).Get("/").Build();
        var run = session.RunAsync(Name, [scenario], profile, cancel.Token);
        await WaitUntilAsync(() => server.Requests >= 10, TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var requestsAtReturn = server.Requests;
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        server.Requests.Should().Be(requestsAtReturn, "no request is sent after the cancelled run returned");
        result.Summary.Cancelled.Should().BeTrue();
        result.Summary.Duration.Should().BeLessThan(TimeSpan.FromSeconds(30), "arrivals stop at the cancellation, not at the planned 60 s");
        result.Verdict.Passed.Should().BeFalse("a cancelled run is never a pass");
        (await File.ReadAllTextAsync(Path.Combine(result.ReportDirectory, "violations.txt"), TestContext.Current.CancellationToken))
            .Should().StartWith("run cancelled");
        (await File.ReadAllTextAsync(Path.Combine(result.ReportDirectory, "report.md"), TestContext.Current.CancellationToken))
            .Should().StartWith("# ⛔ CANCELLED");
        (await File.ReadAllTextAsync(Path.Combine(result.ReportDirectory, "summary.txt"), TestContext.Current.CancellationToken))
            .Should().Contain("Budget: CANCELLED");
        (await File.ReadAllTextAsync(Path.Combine(result.ReportDirectory, "report.json"), TestContext.Current.CancellationToken))
            .Should().Contain("\"cancelled\": true");
        var assert = () => result.AssertBudget();
        assert.Should().Throw<Exception>().WithMessage("*cancelled*");
    }

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
