using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Xunit;

public sealed class LoadTestFixtureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-fixture-").FullName;

    [Fact]
    public async Task An_invalid_budgets_file_fails_every_test_with_every_problem_named_and_no_server_is_started()
    {
        var budgets = Path.Combine(_directory, "budgets.json");
        await File.WriteAllTextAsync(budgets, """
            { "version": 1, "scenarios": { "Stub – Reads": { "smoke": { "p95_ms": -5, "p59_ms": 10 } } } }
            """, TestContext.Current.CancellationToken);
        await using var fixture = new StubLoadTestFixture(new Dictionary<string, string> { ["PERF_BUDGETS"] = budgets, ["PERF_ARTIFACTS"] = _directory });

        await fixture.InitializeAsync();
        var first = () => fixture.RunAndAssertAsync(StubLoadTestFixture.ScenarioName, [Reads()], "smoke");
        var second = () => fixture.RunAndAssertAsync(StubLoadTestFixture.ScenarioName, [Reads()], "smoke");

        foreach (var run in new[] { first, second })
        {
            (await run.Should().ThrowAsync<InvalidOperationException>())
                .Which.Message.Should().Contain("failed to start")
                .And.Contain($"{budgets}: $.scenarios['Stub – Reads'].smoke.p95_ms: must be a positive number (was -5)")
                .And.Contain($"{budgets}: $.scenarios['Stub – Reads'].smoke.p59_ms: unknown key");
        }
    }

    [Fact]
    public async Task A_budgets_file_without_a_budget_for_a_selected_profile_fails_before_any_load()
    {
        var budgets = Path.Combine(_directory, "budgets.json");
        await File.WriteAllTextAsync(budgets, """
            { "version": 1, "scenarios": { "Stub – Reads": { "stress": { "p95_ms": 5 } } } }
            """, TestContext.Current.CancellationToken);
        await using var fixture = new StubLoadTestFixture(new Dictionary<string, string> { ["PERF_BUDGETS"] = budgets, ["PERF_ARTIFACTS"] = _directory });

        await fixture.InitializeAsync();
        var run = () => fixture.RunAndAssertAsync(StubLoadTestFixture.ScenarioName, [Reads()], "smoke");

        (await run.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("scenario 'Stub – Reads' has no 'smoke' budget (it has: stress)");
    }

    [Fact]
    public async Task A_budget_for_a_profile_the_suite_does_not_define_is_refused_naming_the_suite_profiles()
    {
        var budgets = Path.Combine(_directory, "budgets.json");
        await File.WriteAllTextAsync(budgets, """
            { "version": 1, "scenarios": { "Stub – Reads": { "smoke": { "p95_ms": 5 }, "seed-load": { "p95_ms": 5 } } } }
            """, TestContext.Current.CancellationToken);
        await using var fixture = new StubLoadTestFixture(new Dictionary<string, string> { ["PERF_BUDGETS"] = budgets, ["PERF_ARTIFACTS"] = _directory });

        await fixture.InitializeAsync();
        var run = () => fixture.RunAndAssertAsync(StubLoadTestFixture.ScenarioName, [Reads()], "smoke");

        (await run.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("$.scenarios['Stub – Reads']['seed-load']: unknown key; expected one of smoke, stress");
    }

    [Fact]
    public async Task An_unknown_PERF_PROFILES_fails_each_test_with_one_settings_message_before_any_load()
    {
        await using var fixture = new StubLoadTestFixture(new Dictionary<string, string> { ["PERF_PROFILES"] = "bogus" });

        await fixture.InitializeAsync();
        var run = () => fixture.RunAndAssertAsync(StubLoadTestFixture.ScenarioName, [Reads()], "bogus");

        (await run.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().StartWith("The load test fixture failed to start: Load test settings (PERF_* environment variables) are invalid:")
            .And.Contain("PERF_PROFILES='bogus' names unknown load profile(s) 'bogus'");
    }

    [Fact]
    public async Task A_remote_target_without_PERF_ALLOW_REMOTE_fails_every_test_with_the_reason()
    {
        await using var fixture = new StubLoadTestFixture(new Dictionary<string, string> { ["PERF_TARGET"] = "https://queue.example.org" });

        await fixture.InitializeAsync();
        var run = () => fixture.RunAndAssertAsync(StubLoadTestFixture.ScenarioName, [Reads()], "smoke");

        (await run.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("refusing to send load to a remote server").And.Contain("PERF_ALLOW_REMOTE=1");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Scenario Reads() => Scenario.Create(StubLoadTestFixture.ScenarioName).Get("/api/v1/citizens/", r => r.Expect(200)).Build();
}
