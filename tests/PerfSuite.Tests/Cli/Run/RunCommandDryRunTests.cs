using PerfSuite.Cli;
using PerfSuite.Cli.Run;
using PerfSuite.Tests.Cli.Load;

namespace PerfSuite.Tests.Cli.Run;

/// <summary><c>perfsuite run --dry-run</c> and <c>--strict</c>, and a real run of Artillery templates against a loopback spy.</summary>
public sealed class RunCommandDryRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-dry-run-").FullName;

    [Fact]
    public async Task A_dry_run_prints_the_plan_of_a_users_script_and_sends_nothing()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Artillery", "users", "csr-http.yaml");

        var (exit, output, _) = await RunAsync(["--dry-run", script, "--env", "MAX_VIRTUAL_USERS=50"]);

        exit.Should().Be(ExitCodes.Passed);
        output.Should().Contain("dry run: csr-http (").And.Contain("nothing is sent")
            .And.Contain("  Ramp up load (max 50 users): ramp 10→50/s for 30 s, maxVusers 50: 900 arrivals")
            .And.Contain("arrivals: 3903")
            .And.Contain("Authenticated api route: weight 75, 17 steps (100 % of arrivals)")
            .And.Contain("    DELETE /api/v1/appointments/draft/{draftappointment_Id}/")
            .And.Contain("warning: ").And.Contain("environment variable 'TARGET' is not set")
            .And.Contain("note: beforeRequest hook 'setAuthHeader'")
            .And.Contain("dry run: the script can run");
    }

    [Fact]
    public async Task Strict_refuses_a_key_Artillery_ignores_and_without_it_the_key_is_a_warning()
    {
        var script = await WriteAsync("ignored.yml", "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n  apdex: { threshold: 100 }\nscenarios:\n  - flow: [ { get: { url: / } } ]\n");

        var lenient = await RunAsync(["--dry-run", script, "--target", "http://127.0.0.1:9"]);
        var strict = await RunAsync(["--dry-run", "--strict", script, "--target", "http://127.0.0.1:9"]);

        lenient.Exit.Should().Be(ExitCodes.Passed);
        lenient.Output.Should().Contain($"warning: {script}:4:3: key 'config.apdex' is ignored, as Artillery does");
        strict.Exit.Should().Be(ExitCodes.BadInput);
        strict.Error.Should().Contain($"{script}:4:3: config.apdex: key 'config.apdex' is ignored by Artillery; refused under --strict");
    }

    [Fact]
    public async Task A_dry_run_of_a_script_that_cannot_run_exits_2_with_the_feature_named()
    {
        var script = await WriteAsync("parallel.yml", "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\nscenarios:\n  - flow: [ { parallel: [ { get: { url: / } } ] } ]\n");

        var (exit, output, error) = await RunAsync(["--dry-run", script]);

        exit.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("'parallel' is not supported: parallel requests");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task Template_functions_and_header_templates_are_filled_in_per_user_at_run_time()
    {
        await using var server = new SpyHttpServer();
        var script = await WriteAsync("templates.yml", """
            config:
              phases:
                - { duration: 1, arrivalCount: 4 }
            scenarios:
              - flow:
                  - get:
                      url: "/n/{{ $randomNumber(1, 10) }}"
                      qs: { s: "{{ $randomString(6) }}" }
                      headers: { X-User: "u-{{ $uuid }}" }
                  - get:
                      url: "/again"
                      headers: { X-User: "u-{{ $uuid }}" }
            """);

        var (exit, output, error) = await RunAsync([script, "--target", server.BaseUri.ToString(), "--report-dir", Path.Combine(_directory, "reports")]);

        exit.Should().Be(ExitCodes.Passed, $"stdout:\n{output}\nstderr:\n{error}");
        var requests = server.Requests.ToList();
        requests.Should().HaveCount(8);
        var first = requests.Where(r => r[0].StartsWith("GET /n/", StringComparison.Ordinal)).ToList();
        first.Should().HaveCount(4).And.OnlyContain(r => System.Text.RegularExpressions.Regex.IsMatch(r[0], @"^GET /n/([1-9]|10)\?s=[A-Za-z0-9]{6} HTTP/1\.1$"));
        var users = requests.Select(r => r.Single(h => h.StartsWith("X-User: u-", StringComparison.Ordinal))["X-User: u-".Length..]).ToList();
        users.Where(u => !Guid.TryParse(u, out var _)).Should().BeEmpty();
        users.Distinct().Should().HaveCount(4, "one $uuid per virtual user, the same in both of its requests");
    }

    [Theory]
    [InlineData("json", 0)]
    [InlineData("application/json; charset=utf-8", 0)]
    [InlineData("text/html", 4)]
    public async Task Expect_contentType_checks_the_response_header_as_the_expect_plugin_does(string expected, int errors)
    {
        await using var server = new SpyHttpServer("application/json; charset=utf-8", """{"id":1}""");
        var script = await WriteAsync("content-type.yml", $$"""
            config:
              phases:
                - { duration: 1, arrivalCount: 4 }
            scenarios:
              - flow:
                  - get: { url: "/pets", expect: [ { statusCode: 200 }, { contentType: "{{expected}}" } ] }
            """);

        var (exit, output, error) = await RunAsync([script, "--target", server.BaseUri.ToString(), "--report-dir", Path.Combine(_directory, "reports")]);

        exit.Should().Be(ExitCodes.Passed, $"stdout:\n{output}\nstderr:\n{error}");
        output.Should().Contain($"Error rate: {(errors == 0 ? "0.00" : "100.00")}% ({errors} of 4 failed)");
        if (errors > 0)
        {
            output.Should().Contain($"check:content-type {expected}: {errors}");
        }
    }

    [Theory]
    [InlineData("matchesRegexp: '\"id\":\\s*1'", 0, "Error rate: 0.00%")]
    [InlineData("matchesRegexp: '^<html'", 4, "check:matchesRegexp ^<html: 4")]
    [InlineData("notHasProperty: name", 0, "Error rate: 0.00%")]
    [InlineData("notHasProperty: id", 4, "check:notHasProperty id: 4")]
    [InlineData("statusCode: [200, 201]", 0, "Error rate: 0.00%")]
    [InlineData("statusCode: [201, 204]", 4, "unexpected-status: 4")]
    public async Task Expect_body_checks_run_as_the_expect_plugin_runs_them(string expectation, int errors, string error)
    {
        await using var server = new SpyHttpServer("application/json", """{"id":1}""");
        var script = await WriteAsync("body-checks.yml", $$"""
            config:
              phases:
                - { duration: 1, arrivalCount: 4 }
            scenarios:
              - flow:
                  - get: { url: "/pets", expect: [ { {{expectation}} } ] }
            """);

        var (exit, output, stderr) = await RunAsync([script, "--target", server.BaseUri.ToString(), "--report-dir", Path.Combine(_directory, "reports")]);

        exit.Should().Be(ExitCodes.Passed, $"stdout:\n{output}\nstderr:\n{stderr}");
        output.Should().Contain($"({errors} of 4 failed)").And.Contain(error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> WriteAsync(string name, string yaml)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, yaml, TestContext.Current.CancellationToken);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["run", .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
