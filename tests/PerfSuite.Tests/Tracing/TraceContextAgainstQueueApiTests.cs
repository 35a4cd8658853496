using System.Text.RegularExpressions;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Tracing;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Reports;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Tracing;

/// <summary>The slowest request's trace id in report.md is one the reference API logged (QUEUE_API_TRACE_LOG).</summary>
[Trait("Category", "Load")]
public sealed partial class TraceContextAgainstQueueApiTests
{
    [Fact]
    public async Task The_slowest_requests_trace_id_in_report_md_is_one_the_server_logged()
    {
        var directory = Directory.CreateTempSubdirectory("perfsuite-trace-");
        try
        {
            var log = Path.Combine(directory.FullName, "trace.log");
            var ct = TestContext.Current.CancellationToken;
            await using var api = new QueueApiBuilder().WithTraceLog(log).Build();
            await api.StartAsync(ct);
            var flow = Scenario.Create("health").Get("/api/v1/healthz", r => r.Expect(200)).Build();
            var profile = new LoadProfile("short", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 5)]);
            var options = new LoadRunOptions(api.BaseUri, [flow], profile)
            {
                TraceContext = new TraceContextOptions("trace-test"),
                RequestTimeout = TimeSpan.FromSeconds(10),
                GracefulStop = TimeSpan.FromSeconds(10),
            };

            var summary = await LoadRunner.RunAsync(options, ct);
            var markdown = MarkdownReportExporter.Render(new ReportContext(summary, SampleReports.Metadata));

            summary.FailedRequests.Should().Be(0);
            var section = markdown[markdown.IndexOf("## Slowest requests", StringComparison.Ordinal)..];
            section.Should().Contain("### GET /api/v1/healthz");
            var slowest = TraceId().Match(section);
            slowest.Success.Should().BeTrue(section);
            var logged = (await File.ReadAllLinesAsync(log, ct)).Select(l => l.Split(' ')).ToList();
            logged.Should().Contain(l => l[0] == slowest.Value && l[1] == "GET" && l[2] == "/api/v1/healthz", "the server saw the slowest request");
            logged.Count(l => l[2] == "/api/v1/healthz" && l[0] != "-").Should().BeGreaterThanOrEqualTo((int)summary.Requests);

            // A Socket.IO connect (refused without a login, which does not matter here): its upgrade request is logged
            // with the trace id the engine sent.
            var socket = Scenario.Create("socket").SocketIoConnect("/api/v1/socket.io").SocketIoDisconnect().Build();
            var once = new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]);
            await LoadRunner.RunAsync(options with { Scenarios = [socket], Profile = once }, ct);
            (await File.ReadAllLinesAsync(log, ct)).Should().Contain(l => TraceLine().IsMatch(l) && l.Contains(" GET /api/v1/socket.io", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex("^[0-9a-f]{32} ")]
    private static partial Regex TraceLine();

    [GeneratedRegex(@"(?<=\| )[0-9a-f]{32}(?= \|)")]
    private static partial Regex TraceId();
}
