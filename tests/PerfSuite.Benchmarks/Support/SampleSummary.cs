using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;

namespace PerfSuite.Benchmarks.Support;

/// <summary>
/// A realistic run summary built the way the engine builds one: a recorder fed 60 s of samples over two scenarios
/// and five endpoints (log-normal-ish latencies, a few 5xx and timeouts), then <c>SummaryBuilder</c>.
/// </summary>
internal static class SampleSummary
{
    private static readonly string[] Http = ["POST /api/v1/login/", "GET /api/v1/citizens/", "GET /api/v1/appointments/{appointment_id}/"];
    private static readonly string[] SocketIo = ["socket.io connect", "socket.io ack joinRoom"];

    public static ReportContext Context() =>
        new(Build(), new RunMetadata("20261127-040000-smoke", "CSR – All", "smoke", "http://127.0.0.1:5000/"));

    public static RunSummary Build()
    {
        var random = new Random(42);
        var recorder = new RunRecorder(["CSR – Login, load data, idle", "CSR – Websockets"]);
        var ids = Http.Select(name => recorder.RegisterEndpoint(0, name, "http"))
            .Concat(SocketIo.Select(name => recorder.RegisterEndpoint(1, name, "socket.io")))
            .ToArray();
        for (var second = 0; second < 60; second++)
        {
            for (var i = 0; i < 100; i++)
            {
                var endpoint = ids[i % ids.Length];
                var status = endpoint < Http.Length ? (random.Next(200) == 0 ? 503 : 200) : 0;
                var micros = (long)(Math.Exp(random.NextDouble() * 3) * 2_000);
                recorder.Response(endpoint, warmUp: false, micros, status, failed: status >= 500);
                if (random.Next(500) == 0)
                {
                    recorder.TransportError(endpoint, warmUp: false, ErrorKind.Timeout, null);
                }
            }

            recorder.RecordLag(TimeSpan.FromMilliseconds(random.NextDouble()));
            recorder.Series.CloseSecond();
        }

        for (var scenario = 0; scenario < 2; scenario++)
        {
            for (var user = 0; user < 150; user++)
            {
                recorder.UserStarted(scenario, warmUp: false);
                recorder.UserEnded(scenario, warmUp: false, failed: user == 0);
            }
        }

        var phases = new List<PhaseSummary> { new("steady", "5/s for 60 s", TimeSpan.FromSeconds(60), false, 300) };
        var health = new GeneratorHealth(LatencyHistograms.Stats(recorder.ArrivalLag), 4.2, 0.05, false, []);
        return SummaryBuilder.Build(recorder, "CSR – All / smoke", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(60), phases, health);
    }
}
