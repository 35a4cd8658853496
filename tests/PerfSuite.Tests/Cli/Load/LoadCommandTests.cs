using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.Cli.Load;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Cli.Load;

/// <summary>The <c>load</c> command in-process: against the real reference API, and refusing bad arguments before any load.</summary>
[Trait("Category", "Load")]
public sealed class LoadCommandTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    [Fact]
    public async Task Two_seconds_of_5_users_against_healthz_end_with_a_json_line_whose_counts_add_up()
    {
        var url = new Uri(fixture.Api.BaseUri, "/api/v1/healthz");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["load", "--url", url.ToString(), "--vus", "5", "--duration", "2"], output, error);

        exit.Should().Be(ExitCodes.Passed, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle("stdout carries only the JSON result; progress and the summary go to stderr");
        error.ToString().Should().Contain("generator GC:");
        using var json = JsonDocument.Parse(lines[^1]);
        var root = json.RootElement;
        var requests = root.GetProperty("requests").GetInt64();
        requests.Should().BeGreaterThan(5);
        root.GetProperty("errors").GetInt64().Should().Be(0);
        root.GetProperty("codes").GetProperty("200").GetInt64().Should().Be(requests);
        root.GetProperty("rps").GetDouble().Should().BeGreaterThan(0);
        root.GetProperty("latency_ms").EnumerateObject().Select(p => p.Name).Should().Equal("min", "mean", "p50", "p90", "p95", "p99", "p999", "max");
        root.GetProperty("latency_ms").GetProperty("p50").GetDouble().Should().BeGreaterThan(0);
        root.GetProperty("arrival_lag_ms").EnumerateObject().Select(p => p.Name).Should().Equal("p50", "p99");
        root.GetProperty("skipped_arrivals").GetInt64().Should().Be(0);
        root.GetProperty("cpu_seconds").GetDouble().Should().BeGreaterThan(0);
        root.GetProperty("cpu_us_per_request").GetDouble().Should().BeApproximately(
            root.GetProperty("cpu_seconds").GetDouble() * 1e6 / requests, root.GetProperty("cpu_us_per_request").GetDouble() * 0.5,
            "the window's requests include the few still in flight when the summary counted them");
        root.GetProperty("cpu_share_of_one_core").GetDouble().Should().BeGreaterThan(0);
        root.GetProperty("startup_cpu_seconds").GetDouble().Should().BeGreaterThan(0, "the test host had run code before the load began");
        root.GetProperty("host_other_cpu_seconds").ValueKind.Should().Be(OperatingSystem.IsLinux() ? JsonValueKind.Number : JsonValueKind.Null);
        root.GetProperty("generator_bound").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
        root.GetProperty("error_kinds").EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Invalid_arguments_exit_non_zero_name_the_argument_and_send_nothing()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["load", "--url", url, "--vus", "5", "--duration", "0"], output, error);

        exit.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain("--duration must be a number > 0 (was '0')").And.Contain("usage: perfsuite load [options]");
        output.ToString().Should().BeEmpty();
        listener.Pending().Should().BeFalse("no connection may be opened when the arguments are invalid");
    }

    [Fact]
    public async Task A_remote_url_without_the_opt_in_is_refused_before_any_connection()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // .invalid never resolves (RFC 6761): even a refusal that failed could not reach anyone.
        var exit = await CommandLine.RunAsync(["load", "--url", "http://perfsuite-remote.invalid/", "--rate", "1", "--duration", "1"], output, error);

        exit.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain("--url must point at a loopback host").And.Contain("(was 'http://perfsuite-remote.invalid/')").And.Contain("--allow-remote (or PERF_ALLOW_REMOTE=1)");
        error.ToString().Should().NotContain("requests", "no load started");
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Open_model_arguments_become_an_arrival_phase_with_the_cap_and_one_get_of_the_path_and_query()
    {
        var arguments = new LoadCommandArguments(new Uri("http://127.0.0.1:9/a/b?c=1"), null, 20, 7, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500), 2);

        var options = LoadCommand.CreateOptions(arguments);

        options.BaseUri.Should().Be(new Uri("http://127.0.0.1:9/"));
        options.Scenarios.Single().Endpoints.Should().Equal("GET /a/b?c=1");
        options.Profile.Phases.Single().Should().Be(new ArrivalPhase("load", TimeSpan.FromSeconds(3), 20) { MaxVusers = 7 });
        options.RequestTimeout.Should().Be(TimeSpan.FromMilliseconds(500));
        options.MaxSockets.Should().Be(2);
        options.Validate().Should().BeEmpty();
    }

    [Fact]
    public async Task An_authenticated_route_answers_200_with_the_token_from_token_env_and_401_without_it()
    {
        using var tokens = (IDisposable)fixture.Api.CreateDefaultTokenProvider();
        var token = await ((PerfSuite.Engine.Auth.ITokenProvider)tokens).GetTokenAsync(0, TestContext.Current.CancellationToken);
        var variable = $"PERFSUITE_TEST_TOKEN_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, token);
        var url = new Uri(fixture.Api.BaseUri, "/api/v1/channels/").ToString();
        try
        {
            var withToken = await RunAsync(["--url", url, "--vus", "2", "--duration", "1", "--token-env", variable]);
            var withoutToken = await RunAsync(["--url", url, "--vus", "2", "--duration", "1"]);

            withToken.GetProperty("codes").EnumerateObject().Select(p => p.Name).Should().Equal("200");
            withoutToken.GetProperty("codes").EnumerateObject().Select(p => p.Name).Should().Equal("401");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_token_variable_that_is_not_set_is_refused_by_name_before_any_load()
    {
        await using var server = new SpyHttpServer();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["load", "--url", server.BaseUri.ToString(), "--vus", "1", "--duration", "1", "--token-env", "PERFSUITE_NO_SUCH_VARIABLE"], output, error);

        exit.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain("--token-env PERFSUITE_NO_SUCH_VARIABLE: the environment variable is not set or empty");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task With_PERF_TRACE_CONTEXT_1_every_request_of_load_carries_a_traceparent_and_the_runs_baggage()
    {
        // A child process: the variable is the tool's whole environment, not this test process's (other tests run beside it).
        await using var server = new SpyHttpServer();
        var (exit, log) = await PerfSuite.Tests.Packaging.ProcessRun.RunAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "perfsuite.dll"), "load", "--url", new Uri(server.BaseUri, "/t").ToString(), "--rate", "5", "--duration", "1"],
            AppContext.BaseDirectory, new Dictionary<string, string> { ["PERF_TRACE_CONTEXT"] = "1" }, TimeSpan.FromMinutes(1));

        exit.Should().Be(ExitCodes.Passed, log);
        server.Requests.Should().NotBeEmpty().And.AllSatisfy(lines =>
        {
            lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^traceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-01$"));
            lines.Should().Contain(l => l.StartsWith("baggage: perfsuite.run=", StringComparison.Ordinal) && l.Contains("perfsuite.scenario=load", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Every_header_argument_is_sent_with_every_request()
    {
        await using var server = new SpyHttpServer();

        var result = await RunAsync(["--url", new Uri(server.BaseUri, "/h").ToString(), "--rate", "5", "--duration", "1", "--header", "X-Run: abc", "--header", "X-Other: 2"]);

        result.GetProperty("requests").GetInt64().Should().BeGreaterThan(0);
        server.Requests.Should().NotBeEmpty().And.AllSatisfy(lines => lines.Should().Contain("X-Run: abc").And.Contain("X-Other: 2"));
    }

    [Fact]
    public async Task Help_prints_the_usage_and_every_argument_to_stdout_and_exits_0()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["load", "--help"], output, error);

        exit.Should().Be(ExitCodes.Passed);
        output.ToString().Should().Contain(" load [options]").And.Contain("--token-env <NAME>").And.Contain("-H, --header");
        error.ToString().Should().BeEmpty();
    }

    private static async Task<JsonElement> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["load", .. args], output, error);
        exit.Should().Be(ExitCodes.Passed, error.ToString());
        using var json = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]);
        return json.RootElement.Clone();
    }
}
