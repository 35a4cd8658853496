using System.Net;
using System.Net.Sockets;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Metrics;

/// <summary><c>perfsuite load</c> starts the meter's exporters from the environment, and refuses a bad value before any load.</summary>
public sealed class CliMetricsExportTests
{
    [Fact]
    public async Task Perfsuite_load_refuses_a_non_loopback_prometheus_address_before_any_request()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        await using var cli = CliProcess.Start(
            ["load", "--url", server.BaseUri + "a", "--vus", "1", "--duration", "1"],
            new Dictionary<string, string> { ["PERF_METRICS_PROMETHEUS"] = "0.0.0.0:9464" });

        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exit.Should().NotBe(0);
        cli.StandardError.Should().Contain("PERF_METRICS_PROMETHEUS='0.0.0.0:9464' is not a loopback address");
        server.Requests.Should().Be(0);
    }

    [Fact]
    public async Task Perfsuite_load_serves_prometheus_while_it_runs()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var cli = CliProcess.Start(
            ["load", "--url", server.BaseUri + "a", "--vus", "1", "--duration", "4"],
            new Dictionary<string, string> { ["PERF_METRICS_PROMETHEUS"] = $"127.0.0.1:{port}" });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string text = string.Empty;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !text.Contains("perfsuite_requests_total{", StringComparison.Ordinal))
        {
            try
            {
                text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        text.Should().Contain("perfsuite_requests_total{perfsuite_scenario=\"load\"");
        (await cli.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0);
        cli.StandardError.Should().Contain($"metrics: Prometheus at http://127.0.0.1:{port}/metrics");
    }
}
