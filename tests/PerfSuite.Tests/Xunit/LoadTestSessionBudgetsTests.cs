using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class LoadTestSessionBudgetsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-budgets-").FullName;

    [Fact]
    public async Task A_budget_for_a_scenario_the_suite_does_not_have_is_refused_naming_the_key_and_the_known_scenarios()
    {
        var budgets = Path.Combine(_directory, "budgets.json");
        await File.WriteAllTextAsync(budgets, """
            { "version": 1, "scenarios": {
                "reads": { "smoke": { "error_rate": 0 } },
                "raeds-typo": { "smoke": { "error_rate": 0 } } } }
            """, TestContext.Current.CancellationToken);
        var variables = new Dictionary<string, string> { ["PERF_TARGET"] = "http://127.0.0.1:9", ["PERF_TOKEN"] = "t", ["PERF_ARTIFACTS"] = _directory };
        var settings = PerfSettings.Parse(n => variables.GetValueOrDefault(n), ["smoke"]);
        var options = new LoadTestSessionOptions(settings, ["reads", "writes"]) { BudgetsFile = budgets };

        var start = () => LoadTestSession.StartAsync(options, _ => { }, TestContext.Current.CancellationToken);

        var error = (await start.Should().ThrowAsync<BudgetFileException>()).Which;
        error.Message.Should().Contain(budgets).And.Contain("scenarios.raeds-typo")
            .And.Contain("no such scenario").And.Contain("known scenarios: reads, writes");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
