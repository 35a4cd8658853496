using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Reports;
using PerfSuite.Tests.Http;

namespace PerfSuite.Tests.Load;

/// <summary>
/// Custom steps in their place (issue 23): the suite the template makes (a GET, a custom check step, two more GETs, 25
/// iterations) reports 75 requests and the custom step apart; "All requests" and the scenario figures read protocol
/// operations only; the custom step keeps its own endpoint row, and its code is not labelled Socket.IO.
/// </summary>
public sealed class CustomStepCountingTests
{
    [Fact]
    public async Task The_template_suite_reports_75_requests_and_25_custom_steps_apart()
    {
        await using var server = new ScriptedHttpServer(_ => ScriptedHttpServer.Ok("""{"status":"ok"}"""));
        var flow = Scenario.Create("template")
            .Get("/health")
            .Step("check health", (context, _) =>
            {
                context.Check("always", true);
                return Task.CompletedTask;
            })
            .Get("/a")
            .Get("/b")
            .Build();
        var options = new LoadRunOptions(server.BaseUri, [flow], new LoadProfile("smoke", [new ArrivalPhase("iterations", TimeSpan.FromSeconds(1), 25)]))
        {
            Name = "template / smoke",
            RequestTimeout = TimeSpan.FromSeconds(5),
        };

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        summary.ScenariosLaunched.Should().Be(25);
        summary.Requests.Should().Be(75, "three GETs per iteration; the custom step is not a request");
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 75 });
        summary.CustomSteps.Should().Be(25);
        summary.FailedCustomSteps.Should().Be(0);
        summary.Scenarios.Single().Requests.Should().Be(75);
        summary.Latency.Count.Should().Be(75, "the All requests percentiles read the 75 requests only");
        summary.Endpoints.Should().ContainSingle(e => e.Name == "check health").Which.Requests.Should().Be(25);

        var text = TextSummaryExporter.Render(new ReportContext(summary, new RunMetadata("r", "template", "smoke", server.BaseUri.ToString())));
        text.Should().Contain("Custom steps (not requests): 25, 0 failed").And.NotContain("Socket.IO (no HTTP status)");
    }
}
