using System.Net;
using System.Net.Sockets;
using OpenTelemetry.Exporter;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Telemetry;

namespace PerfSuite.Tests.Metrics;

public sealed class MetricsExportTests
{
    [Fact]
    public void Nothing_is_exported_unless_asked()
    {
        var settings = MetricsExportSettings.Parse(_ => null);
        settings.Any.Should().BeFalse();
    }

    [Fact]
    public void The_standard_otlp_variables_and_the_prometheus_address_are_read()
    {
        var env = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["PERF_METRICS_PROMETHEUS"] = "127.0.0.1:9464",
        };
        var settings = MetricsExportSettings.Parse(env.GetValueOrDefault);
        settings.Otlp.Should().BeTrue();
        settings.OtlpProtocol.Should().Be("http/protobuf");
        settings.Prometheus.Should().Be(new IPEndPoint(IPAddress.Loopback, 9464));
        MetricsExportSettings.Parse(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317", ["OTEL_METRICS_EXPORTER"] = "none" }.GetValueOrDefault)
            .Otlp.Should().BeFalse("OTEL_METRICS_EXPORTER=none turns OTLP metrics off");
    }

    [Theory]
    [InlineData("PERF_METRICS_PROMETHEUS", "0.0.0.0:9464", "PERF_METRICS_PROMETHEUS='0.0.0.0:9464' is not a loopback address")]
    [InlineData("PERF_METRICS_PROMETHEUS", "10.1.2.3:9464", "PERF_METRICS_PROMETHEUS='10.1.2.3:9464' is not a loopback address")]
    [InlineData("PERF_METRICS_PROMETHEUS", "9464", "PERF_METRICS_PROMETHEUS='9464' must be a loopback address and port")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL='http/json' is not supported")]
    public void A_bad_value_is_refused_naming_the_variable_and_the_value(string variable, string value, string message)
    {
        var env = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317", [variable] = value };
        var parse = () => MetricsExportSettings.Parse(env.GetValueOrDefault);
        parse.Should().Throw<PerfSettingsException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void The_prometheus_endpoint_refuses_a_non_loopback_address_before_listening()
    {
        var start = () => PrometheusEndpoint.Start(new IPEndPoint(IPAddress.Any, 0));
        start.Should().Throw<ArgumentException>().WithMessage("*loopback*");
    }

    [Fact]
    public async Task The_prometheus_endpoint_serves_the_text_format_with_counters_and_histogram_buckets()
    {
        using var endpoint = PrometheusEndpoint.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var scenario = "text-" + Guid.NewGuid().ToString("N")[..8];
        var recorder = new RunRecorder([scenario]);
        var id = recorder.RegisterEndpoint(0, "GET /a \"quoted\"", "http");
        recorder.Response(id, warmUp: false, 2_000, 200, failed: false);
        recorder.TransportError(id, warmUp: false, ErrorKind.Timeout, null);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://{endpoint.Endpoint}/metrics"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var labels = $"perfsuite_scenario=\"{scenario}\",perfsuite_endpoint=\"GET /a \\\"quoted\\\"\"";
        text.Should().Contain("# TYPE perfsuite_requests_total counter")
            .And.Contain($"perfsuite_requests_total{{{labels}}} 2\n")
            .And.Contain($"perfsuite_requests_failed_total{{{labels}}} 1\n")
            .And.Contain($"perfsuite_errors_total{{{labels},error_type=\"timeout\"}} 1\n")
            .And.Contain("# TYPE perfsuite_request_duration_seconds histogram")
            .And.Contain($"perfsuite_request_duration_seconds_bucket{{{labels},le=\"0.002\"}} 1\n")
            .And.Contain($"perfsuite_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 1\n")
            .And.Contain($"perfsuite_request_duration_seconds_count{{{labels}}} 1\n")
            .And.Contain("# TYPE perfsuite_users_active gauge");
    }

    [Fact]
    public async Task Otlp_over_http_protobuf_sends_the_engine_metrics_to_a_loopback_receiver()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = new List<(string Path, string? Type, byte[] Body)>();
        var receiving = Task.Run(
            async () =>
            {
                while (receiver.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await receiver.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body, cancel);
                    lock (received)
                    {
                        received.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                    }

                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/x-protobuf";
                    context.Response.Close();
                }
            },
            cancel);

        var scenario = "otlp-" + Guid.NewGuid().ToString("N")[..8];
        using (var export = MetricsExport.Start(
            new MetricsExportSettings { Otlp = true, OtlpEndpoint = $"http://127.0.0.1:{port}", OtlpProtocol = "http/protobuf" },
            (exporter, reader) =>
            {
                exporter.Endpoint = new Uri($"http://127.0.0.1:{port}/v1/metrics");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            }))
        {
            var recorder = new RunRecorder([scenario]);
            var id = recorder.RegisterEndpoint(0, "GET /a", "http");
            recorder.Response(id, warmUp: false, 1_000, 200, failed: false);
            export.Flush(TimeSpan.FromSeconds(10));
        }

        receiver.Stop();
        await receiving.WaitAsync(TimeSpan.FromSeconds(10), cancel);
        lock (received)
        {
            received.Should().NotBeEmpty("the flush sends one export request");
            var metrics = received.Where(r => r.Path == "/v1/metrics").ToList();
            metrics.Should().NotBeEmpty();
            metrics.Should().OnlyContain(r => r.Type == "application/x-protobuf" && r.Body.Length > 0);
            var bodies = metrics.Select(r => System.Text.Encoding.UTF8.GetString(r.Body)).ToList();
            bodies.Should().Contain(b => b.Contains("perfsuite.requests", StringComparison.Ordinal) && b.Contains(scenario, StringComparison.Ordinal)
                && b.Contains(EngineMeter.Name, StringComparison.Ordinal), "protobuf strings are UTF-8 on the wire");
        }
    }
}
