using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PerfSuite.Cli.Load;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Cli.Load;

/// <summary>The <c>load</c> command in-process: against the real reference API, and refusing bad arguments before any load.</summary>
public sealed class LoadCommandTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    [Fact]
    public async Task Two_seconds_of_5_users_against_healthz_end_with_a_json_line_whose_counts_add_up()
    {
        var url = new Uri(fixture.Api.BaseUri, "/api/v1/healthz");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LoadCommand.RunAsync(["--url", url.ToString(), "--vus", "5", "--duration", "2"], output, error, TestContext.Current.CancellationToken);

        exit.Should().Be(LoadCommand.Success, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
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

        var exit = await LoadCommand.RunAsync(["--url", url, "--vus", "5", "--duration", "0"], output, error, TestContext.Current.CancellationToken);

        exit.Should().Be(LoadCommand.InvalidArguments);
        error.ToString().Should().Contain("--duration must be a number > 0 (was '0')").And.Contain(LoadCommandParser.Usage);
        output.ToString().Should().BeEmpty();
        listener.Pending().Should().BeFalse("no connection may be opened when the arguments are invalid");
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
}
