using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Telemetry;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Metrics;

/// <summary>
/// The live meter through a real Prometheus (Debian's <c>prometheus</c> package, see build.sh prereqs): the test starts
/// it on loopback with a 1 s scrape interval against <see cref="PrometheusEndpoint"/>, runs a short load against a
/// loopback server, and asks Prometheus's query API for the totals.
/// </summary>
public sealed class PrometheusExportTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Prometheus_scrapes_request_and_error_totals_equal_to_the_runs_report()
    {
        var binary = FindPrometheus();
        Assert.SkipWhen(binary is null, "no prometheus binary on PATH or in /usr/bin (Debian: apt-get install prometheus; ./build.sh prereqs installs it)");
        var cancel = TestContext.Current.CancellationToken;
        var scenario = "prom-" + Guid.NewGuid().ToString("N")[..12];

        using var endpoint = PrometheusEndpoint.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var storage = Directory.CreateTempSubdirectory("perfsuite-prometheus-");
        var port = FreePort();
        var config = Path.Combine(storage.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(
            config,
            $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: perfsuite
                static_configs:
                  - targets: ['{endpoint.Endpoint}']
            """,
            cancel);
        using var prometheus = Process.Start(new ProcessStartInfo(binary!)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(storage.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var log = new System.Text.StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await WaitUntilAsync(async () => (await http.GetAsync(new Uri("/-/ready", UriKind.Relative), cancel)).IsSuccessStatusCode, () => "Prometheus ready: " + Log(log), cancel);

            // Every fifth request gets a 500: failed requests and errors to count.
            await using var server = new LoopbackHttpServer(n => n % 5 == 0 ? new FaultBehaviour(FaultKind.Answer, 500) : FaultBehaviour.Ok);
            var scenarios = new[] { Scenario.Create(scenario).Get("/a", r => r.Expect(200)).Get("/b").Build() };
            var options = new LoadRunOptions(server.BaseUri, scenarios, new LoadProfile("smoke", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 10)]))
            {
                Name = scenario,
            };
            var summary = await LoadRunner.RunAsync(options, cancel).WaitAsync(Bound, cancel);
            summary.Requests.Should().BeGreaterThan(10);
            summary.FailedRequests.Should().BeGreaterThan(0);
            var errors = summary.Errors.Values.Sum();
            errors.Should().BeGreaterThan(0, "the first step expects 200, so its 500s are unexpected-status errors");

            var selector = $"{{perfsuite_scenario=\"{scenario}\"}}";
            double requests = -1, failed = -1, errorTotal = -1, count = -1;
            await WaitUntilAsync(
                async () =>
                {
                    requests = await QueryAsync(http, $"sum(perfsuite_requests_total{selector})", cancel);
                    failed = await QueryAsync(http, $"sum(perfsuite_requests_failed_total{selector})", cancel);
                    errorTotal = await QueryAsync(http, $"sum(perfsuite_errors_total{selector}) or vector(0)", cancel);
                    count = await QueryAsync(http, $"sum(perfsuite_request_duration_seconds_count{selector})", cancel);
                    return requests == summary.Requests && failed == summary.FailedRequests && errorTotal == errors && count == summary.Requests;
                },
                () => $"Prometheus totals: requests {requests} (report {summary.Requests}), failed {failed} (report {summary.FailedRequests}), errors {errorTotal} (report {errors}), latency count {count}",
                cancel);

            requests.Should().Be(summary.Requests);
            failed.Should().Be(summary.FailedRequests);
            errorTotal.Should().Be(errors);
            (await QueryAsync(http, $"histogram_quantile(0.99, sum by (le) (perfsuite_request_duration_seconds_bucket{selector}))", cancel))
                .Should().BeGreaterThan(0).And.BeLessThan(1, "a loopback server answers in well under a second");
        }
        finally
        {
            if (!prometheus.HasExited)
            {
                prometheus.Kill(entireProcessTree: true);
            }

            await prometheus.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            storage.Delete(recursive: true);
        }
    }

    private static string? FindPrometheus() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(d => Path.Combine(d, "prometheus"))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Log(System.Text.StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static async Task<double> QueryAsync(HttpClient http, string query, CancellationToken cancel)
    {
        using var response = await http.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative), cancel);
        var json = await response.Content.ReadAsStringAsync(cancel);
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? double.NaN : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> state, CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Bound)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancel);
        }

        TestContext.Current.TestOutputHelper?.WriteLine("gave up after " + Bound + ": " + state());
    }
}
