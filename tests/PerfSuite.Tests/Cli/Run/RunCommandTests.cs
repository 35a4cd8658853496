using PerfSuite.Cli;
using PerfSuite.Cli.Run;
using PerfSuite.Tests.Artillery;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Cli.Run;

/// <summary><c>perfsuite run</c> with the CSR scripts against the real reference API, and its refusals before any load.</summary>
[Trait("Category", "Load")]
public sealed class RunCommandTests(QueueApiFixture api) : IClassFixture<QueueApiFixture>, IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("perfsuite-run-").FullName;

    public static TheoryData<string, string[]> Scripts => new()
    {
        { "csr-test-all.yaml", ["CSR – Login, load data, idle", "CSR – Create and delete appointments", "CSR – Websockets"] },
        { "csr-test-http.yaml", ["CSR – Login, load data, idle", "CSR – Create and delete appointments"] },
        { "csr-test-socket.yaml", ["CSR – Websockets"] },
        { "csr-test-keys.yaml", ["Keys – HTTP", "Keys – Socket.IO"] },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task A_csr_script_runs_green_against_the_reference_api_and_writes_the_four_reports(string script, string[] scenarios)
    {
        var directory = Path.Combine(_reports, script);

        var (exit, output, error) = await RunAsync([ArtilleryScripts.Path(script), .. Credentials(), "--report-dir", directory]);

        exit.Should().Be(ExitCodes.Passed, $"stdout:\n{output}\nstderr:\n{error}");
        output.Should().Contain("run: ").And.Contain("hook 'setToken'").And.Contain("replaced by PerfSuite's token provider");
        output.Should().Contain("Summary report @").And.Contain("Scenarios launched:").And.Contain("Error rate: 0.00%").And.Contain("Budget: PASS");
        foreach (var scenario in scenarios)
        {
            output.Should().MatchRegex($@"    {System.Text.RegularExpressions.Regex.Escape(scenario)}: [1-9][0-9]* \(");
        }

        Directory.GetFiles(directory).Select(Path.GetFileName).Should().BeEquivalentTo("summary.txt", "report.md", "report.html", "report.json", "violations.txt");
        (await File.ReadAllTextAsync(Path.Combine(directory, "violations.txt"), TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_missed_budget_from_a_budgets_file_exits_1_and_names_it()
    {
        var budgets = Path.Combine(_reports, "budgets.json");
        await File.WriteAllTextAsync(budgets, """{ "version": 1, "scenarios": { "csr-test-socket": { "artillery": { "min_rps": 100000 } } } }""", TestContext.Current.CancellationToken);

        var (exit, output, _) = await RunAsync([ArtilleryScripts.Path("csr-test-socket.yaml"), .. Credentials(), "--report-dir", Path.Combine(_reports, "missed"), "--budgets", budgets]);

        exit.Should().Be(ExitCodes.Missed);
        output.Should().Contain("run: budget missed:");
        (await File.ReadAllTextAsync(Path.Combine(_reports, "missed", "violations.txt"), TestContext.Current.CancellationToken)).Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_remote_target_is_refused_before_any_load()
    {
        var (exit, _, error) = await RunAsync([ArtilleryScripts.Path("csr-test-socket.yaml"), "--env-file", ArtilleryScripts.Path("ci-envs.sh"), "--target", "https://queue.example.org"]);

        exit.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("--target='https://queue.example.org' is not on this machine: refusing to send load to a remote server");
    }

    [Fact]
    public async Task A_remote_config_target_is_refused_too()
    {
        var (exit, _, error) = await RunAsync([ArtilleryScripts.Path("csr-test-socket.yaml"), "--env-file", ArtilleryScripts.Path("ci-envs.sh"), "--env", "TARGET=https://queue.example.org"]);

        exit.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("config.target='https://queue.example.org' is not on this machine");
    }

    [Fact]
    public async Task A_token_hook_without_credentials_is_refused_naming_the_settings()
    {
        var (exit, _, error) = await RunAsync([ArtilleryScripts.Path("csr-test-socket.yaml"), "--env-file", ArtilleryScripts.Path("ci-envs.sh"), "--target", api.Api.BaseUri.ToString()]);

        exit.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("beforeScenario hook 'setToken'").And.Contain("PERF_TOKEN");
    }

    [Fact]
    public async Task A_script_that_cannot_run_is_refused_with_its_problems()
    {
        var script = Path.Combine(_reports, "bad.yml");
        await File.WriteAllTextAsync(script, "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n  ensure:\n    min: 1\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", TestContext.Current.CancellationToken);

        var (exit, output, error) = await RunAsync([script, "--target", api.Api.BaseUri.ToString()]);

        exit.Should().Be(ExitCodes.BadInput);
        error.Should().Contain($"{script}:5:5: config.ensure.min: 'min' is not supported");
        output.Should().NotContain("Summary report");
    }

    [Theory]
    [InlineData(new string[0], "run: the script is required")]
    [InlineData(new[] { "a.yml", "--target" }, "run: --target needs a value")]
    [InlineData(new[] { "a.yml", "--target", "queue" }, "run: --target must be an absolute http:// or https:// URL (was 'queue')")]
    [InlineData(new[] { "a.yml", "--env", "MAX" }, "run: --env must be NAME=VALUE (was 'MAX')")]
    [InlineData(new[] { "a.yml", "--env-file", "no-such.sh" }, "run: --env-file 'no-such.sh' does not exist")]
    [InlineData(new[] { "a.yml", "--budgets", "no-such.json" }, "run: --budgets 'no-such.json' does not exist")]
    [InlineData(new[] { "a.yml", "--quiet" }, "run: unknown argument '--quiet'")]
    [InlineData(new[] { "a.yml", "b.yml" }, "run: one script at a time: 'a.yml' and 'b.yml' were given")]
    [InlineData(new[] { "missing.yml" }, "run: The Artillery script cannot run (1 problem):")]
    public async Task Bad_arguments_exit_2_naming_the_argument(string[] args, string expected)
    {
        var (exit, _, error) = await RunAsync(args);

        exit.Should().Be(ExitCodes.BadInput);
        error.Should().StartWith(expected);
    }

    [Fact]
    public async Task Help_describes_the_command()
    {
        var (exit, output, _) = await RunAsync(["--help"]);

        exit.Should().Be(0);
        output.Should().Contain(" run [<SCRIPT.yml>...] [options]").And.Contain("-t, --target <URL>").And.Contain("-e, --env <NAME=VALUE>").And.Contain(ExitCodes.Table);
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);

    private string[] Credentials()
    {
        var target = api.Api.BaseUri.ToString().TrimEnd('/');
        return
        [
            "--env-file", ArtilleryScripts.Path("ci-envs.sh"), "--target", target,
            "--env", $"PERF_TOKEN_URL={target}/api/v1/auth/token", "--env", "PERF_CLIENT_ID=queue-web",
            "--env", "PERF_USERNAME=csr1", "--env", "PERF_PASSWORD=csr1-password",
        ];
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["run", .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
