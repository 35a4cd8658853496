using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Targets;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

/// <summary>A short real load against the embedded API, through the same session the load suite uses, with one budget tightened.</summary>
[Trait("Category", "Load")]
public sealed class BudgetGateTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>, IDisposable
{
    private const string Tight = "Reads – tight";
    private const string Loose = "Reads – loose";
    private readonly string _artifacts = Directory.CreateTempSubdirectory("perfsuite-gate-").FullName;

    private static readonly LoadTestProfile TwoSeconds =
        new("smoke", new LoadProfile("smoke", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 5)]), ThinkTimeScale: 0)
        {
            GracefulStop = TimeSpan.FromSeconds(5),
        };

    [Fact]
    public async Task Tightening_one_p95_budget_makes_exactly_that_scenario_fail_with_a_message_naming_p95_the_scenario_and_the_report()
    {
        var budgets = BudgetFile.Parse($$"""
            {
              "version": 1,
              "scenarios": {
                "{{Tight}}": { "smoke": { "p95_ms": 0.001, "error_rate": 0 } },
                "{{Loose}}": { "smoke": { "p95_ms": 5000, "error_rate": 0 } }
              }
            }
            """, "budgets.json");
        using var tokens = Tokens();
        var session = new LoadTestSession(new ExternalTarget(fixture.Api.BaseUri), tokens, budgets, _artifacts, "gate");
        var ct = TestContext.Current.CancellationToken;

        var tight = await session.RunAsync(Tight, [Reads(Tight)], TwoSeconds, ct);
        var loose = await session.RunAsync(Loose, [Reads(Loose)], TwoSeconds, ct);

        var message = tight.Invoking(r => r.AssertBudget()).Should().Throw<Exception>().Which.Message;
        message.Should().Contain($"p95 of scenario '{Tight}'").And.Contain("> budget").And.Contain($"Report: {tight.MarkdownReport}");
        message.Should().NotContain("error rate of scenario");
        loose.Invoking(r => r.AssertBudget()).Should().NotThrow();
        File.ReadAllLines(Path.Combine(tight.ReportDirectory, "violations.txt")).Should().ContainSingle().Which.Should().StartWith($"p95 of scenario '{Tight}'");
        File.ReadAllText(Path.Combine(loose.ReportDirectory, "violations.txt")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_run_writes_the_four_reports_and_violations_under_perf_run_id_slug_profile_and_no_token()
    {
        var budgets = BudgetFile.Parse($$"""{ "version": 1, "scenarios": { "{{Loose}}": { "smoke": { "p95_ms": 5000 } } } }""", "budgets.json");
        using var tokens = Tokens();
        var session = new LoadTestSession(new ExternalTarget(fixture.Api.BaseUri), tokens, budgets, _artifacts, "files");
        var token = await tokens.GetTokenAsync(0, TestContext.Current.CancellationToken);

        var result = await session.RunAsync(Loose, [Reads(Loose)], TwoSeconds, TestContext.Current.CancellationToken);

        result.ReportDirectory.Should().Be(Path.Combine(_artifacts, "perf", "files", "reads-loose-smoke"));
        Directory.GetFiles(result.ReportDirectory).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["summary.txt", "report.json", "report.md", "report.html", "violations.txt"]);
        result.Summary.ScenariosCompleted.Should().Be(10);
        foreach (var file in result.Reports)
        {
            File.ReadAllText(file).Should().NotContain(token!, because: $"{Path.GetFileName(file)} must not leak the access token");
        }
    }

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    private static Scenario Reads(string name) => Scenario.Create(name).Get("/api/v1/citizens/", r => r.Expect(200)).Get("/api/v1/channels/", r => r.Expect(200)).Build();

    private OidcPasswordGrantTokenProvider Tokens()
    {
        var login = fixture.Api.Credentials;
        return new OidcPasswordGrantTokenProvider(new Uri(fixture.Api.BaseUri, QueueApiCredentials.TokenPath), login.ClientId, [new UserCredentials(login.Username, login.Password)]);
    }
}
