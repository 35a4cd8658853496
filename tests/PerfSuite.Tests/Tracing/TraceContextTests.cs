using System.Collections.Concurrent;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Engine.Tracing;
using PerfSuite.Hosting.Settings;
using PerfSuite.Reporting.Reports;
using PerfSuite.Tests.Http;
using PerfSuite.Tests.SocketIo;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Tracing;

/// <summary>W3C trace context on every request (PERF_TRACE_CONTEXT), and the slowest requests' trace ids in the reports.</summary>
public sealed class TraceContextTests
{
    private static readonly int[] Latencies = [40, 10, 90, 70, 20, 60, 80, 30, 50, 100, 5];

    [Theory]
    [InlineData(HttpTransport.Lean)]
    [InlineData(HttpTransport.HttpClient)]
    public async Task Every_request_carries_a_well_formed_traceparent_and_baggage_when_on(HttpTransport transport)
    {
        await using var server = new ScriptedHttpServer(_ => ScriptedHttpServer.Ok());
        var flow = Scenario.Create("tr ace,1").Get("/a").Get("/b").Build();

        var summary = await RunAsync(server, flow, o => o with { HttpTransport = transport, TraceContext = new TraceContextOptions("run-7") });

        summary.Requests.Should().BeGreaterThanOrEqualTo(4);
        var heads = server.Requests.Select(r => r.Head).ToList();
        heads.Should().HaveCount((int)summary.Requests);
        var traceIds = new List<string>();
        foreach (var head in heads)
        {
            var traceParent = Header(head, "traceparent");
            traceParent.Should().MatchRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$");
            traceParent.Should().NotContain("00000000000000000000000000000000");
            traceIds.Add(traceParent![3..35]);
            var step = head.StartsWith("GET /a ", StringComparison.Ordinal) ? "GET%20/a" : "GET%20/b";
            Header(head, "baggage").Should().Be($"perfsuite.run=run-7,perfsuite.scenario=tr%20ace%2C1,perfsuite.step={step}");
        }

        traceIds.Should().OnlyHaveUniqueItems("every request gets fresh ids");
        var slowest = summary.Endpoints.Single(e => e.Name == "GET /a").SlowestRequests;
        slowest.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(5);
        slowest.Select(s => s.LatencyMs).Should().BeInDescendingOrder();
        traceIds.Should().Contain(slowest.Select(s => s.TraceId));
    }

    [Theory]
    [InlineData(HttpTransport.Lean)]
    [InlineData(HttpTransport.HttpClient)]
    public async Task No_trace_header_is_sent_when_off(HttpTransport transport)
    {
        await using var server = new ScriptedHttpServer(_ => ScriptedHttpServer.Ok());
        var flow = Scenario.Create("off").Get("/a").Build();

        var summary = await RunAsync(server, flow, o => o with { HttpTransport = transport });

        server.Requests.Should().NotBeEmpty();
        server.Requests.Should().AllSatisfy(r => (Header(r.Head, "traceparent") ?? Header(r.Head, "baggage")).Should().BeNull());
        summary.Endpoints.Should().AllSatisfy(e => e.SlowestRequests.Should().BeEmpty());
        MarkdownReportExporter.Render(new ReportContext(summary, SampleReports.Metadata)).Should().NotContain("Slowest requests");
    }

    [Fact]
    public async Task A_socket_io_connect_carries_trace_context_in_its_upgrade_headers()
    {
        var connects = new ConcurrentQueue<SocketIoConnectOptions>();
        var flow = Scenario.Create("sio").SocketIoConnect("/api/v1/socket.io").SocketIoDisconnect().Build();
        var profile = new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 2)]);
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9/"), [flow], profile)
        {
            TraceContext = new TraceContextOptions("r1"),
            SocketIoConnector = (o, _) =>
            {
                connects.Enqueue(o);
                return Task.FromResult<ISocketIoConnection>(new FakeSocketIoConnection(o));
            },
        };

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);

        connects.Should().NotBeEmpty();
        connects.Should().AllSatisfy(c =>
        {
            c.Headers["traceparent"].Should().MatchRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$");
            c.Headers["baggage"].Should().Be("perfsuite.run=r1,perfsuite.scenario=sio,perfsuite.step=socket.io%20connect%20/api/v1/socket.io");
        });
        summary.Endpoints.Single(e => e.Kind == "socket.io" && e.Name.StartsWith("socket.io connect", StringComparison.Ordinal))
            .SlowestRequests.Should().NotBeEmpty();
    }

    [Fact]
    public void The_recorder_keeps_the_five_slowest_requests_slowest_first()
    {
        var recorder = new RunRecorder(["s"]) { TraceContext = new TraceContextOptions("r") };
        var endpoint = recorder.RegisterEndpoint(0, "GET /a", "http");
        foreach (var us in Latencies)
        {
            recorder.Response(endpoint, warmUp: false, us * 1000, 200, failed: false, $"00-{us:x32}-{1:x16}-01");
        }

        var slowest = recorder.Endpoints[endpoint].ToSummary().SlowestRequests;
        slowest.Select(s => s.LatencyMs).Should().Equal(100, 90, 80, 70, 60);
        slowest.Select(s => s.TraceId).Should().Equal(slowest.Select(s => ((int)s.LatencyMs).ToString("x32", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Baggage_values_are_percent_encoded()
    {
        TraceHeaders.Encode("a b,c;d\"e\\f%g=h/é").Should().Be("a%20b%2Cc%3Bd%22e%5Cf%25g=h/%C3%A9");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    public void PERF_TRACE_CONTEXT_turns_it_on(string? value, bool on)
    {
        var settings = PerfSettings.Parse(n => n == "PERF_TRACE_CONTEXT" ? value : null, ["smoke"], []);
        settings.TraceContext.Should().Be(on);
    }

    [Fact]
    public void A_bad_PERF_TRACE_CONTEXT_is_refused_with_its_value()
    {
        var act = () => PerfSettings.Parse(n => n == "PERF_TRACE_CONTEXT" ? "yes please" : null, ["smoke"], []);
        act.Should().Throw<PerfSettingsException>().WithMessage("*PERF_TRACE_CONTEXT='yes please'*");
    }

    [Fact]
    public void Report_md_and_report_json_list_the_slowest_requests_and_the_json_reads_back()
    {
        var run = SampleRuns.Realistic();
        var traced = run.Endpoints[0] with { SlowestRequests = [new SlowRequest(812.5, new string('a', 32)), new SlowRequest(640.25, new string('b', 32))] };
        run = run with { Endpoints = [traced, .. run.Endpoints.Skip(1)] };
        var context = new ReportContext(run, SampleReports.Metadata);

        var markdown = MarkdownReportExporter.Render(context);
        var json = JsonReportExporter.Render(context);

        markdown.Should().Contain($"## Slowest requests").And.Contain($"### {MarkdownReportExporter.Escape(traced.Name)}")
            .And.Contain($"| 812.5 | {new string('a', 32)} |").And.Contain($"| 640.25 | {new string('b', 32)} |");
        json.Should().Contain($"\"slowest_requests\"").And.Contain($"\"trace_id\": \"{new string('a', 32)}\"").And.Contain("\"latency_ms\": 812.5");
        var file = Path.Combine(Path.GetTempPath(), $"perfsuite-trace-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, json);
            var (read, _) = PerfSuite.Reporting.Sharding.ReportJsonReader.Read(file);
            read.Endpoints[0].SlowestRequests.Should().Equal(traced.SlowestRequests);
            read.Endpoints.Skip(1).Should().AllSatisfy(e => e.SlowestRequests.Should().BeEmpty());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData(null, false)]
    public void Perfsuite_run_reads_PERF_TRACE_CONTEXT_with_its_run_id(string? value, bool on)
    {
        var script = Path.Combine(Path.GetTempPath(), $"perfsuite-trace-{Guid.NewGuid():N}.yml");
        try
        {
            File.WriteAllText(script, "config:\n  target: http://127.0.0.1:9\n  phases:\n    - duration: 1\n      arrivalRate: 1\nscenarios:\n  - flow:\n      - get:\n          url: /a\n");
            var environment = new Dictionary<string, string> { ["PERF_RUN_ID"] = "trace-run" };
            if (value is not null)
            {
                environment["PERF_TRACE_CONTEXT"] = value;
            }

            var plan = PerfSuite.Cli.Run.RunCommand.Prepare(new PerfSuite.Cli.Run.RunCommandArguments(script, null, environment, null, null, [], false, false, false));

            plan.Options.TraceContext.Should().Be(on ? new TraceContextOptions("trace-run") : null);
        }
        finally
        {
            File.Delete(script);
        }
    }

    internal static string? Header(string head, string name)
    {
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static async Task<RunSummary> RunAsync(ScriptedHttpServer server, Scenario flow, Func<LoadRunOptions, LoadRunOptions> configure)
    {
        var profile = new LoadProfile("twice", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 2)]);
        var options = new LoadRunOptions(server.BaseUri, [flow], profile) { RequestTimeout = TimeSpan.FromSeconds(5), GracefulStop = TimeSpan.FromSeconds(10) };
        return await LoadRunner.RunAsync(configure(options), TestContext.Current.CancellationToken);
    }
}
