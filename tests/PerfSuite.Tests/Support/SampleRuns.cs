using HdrHistogram;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Support;

/// <summary>
/// Builds realistic, deterministic run summaries with genuine HdrHistogram data (microseconds, 3 digits),
/// so encoded histograms decode to the percentiles the summary states.
/// </summary>
internal static class SampleRuns
{
    public const string LoginScenario = "CSR – Login, load data, idle";
    public const string WebsocketsScenario = "CSR – Websockets";
    public const string Citizens = "GET /api/v1/citizens/";
    public const string Appointment = "GET /api/v1/appointments/{appointment_id}/";
    public const string Login = "POST /api/v1/login/";
    public const string SocketConnect = "socket.io connect";
    public const string JoinRoom = "socket.io ack joinRoom";

    public static readonly DateTimeOffset StartedAt = new(2020, 11, 9, 12, 1, 42, TimeSpan.Zero);

    public static RunSummary Realistic(bool generatorBound = false)
    {
        var random = new Random(42);
        var login = Endpoint(random, Login, "http", 600, 2, 40, 0.5, 200);
        var citizens = Endpoint(random, Citizens, "http", 1800, 3, 25, 0.6, 200);
        var appointment = Endpoint(random, Appointment, "http", 1200, 1, 30, 0.7, 200);
        var connect = Endpoint(random, SocketConnect, "socket.io", 300, 1, 15, 0.4, 0);
        var join = Endpoint(random, JoinRoom, "socket.io", 300, 0, 8, 0.3, 0);

        var loginScenario = Scenario(LoginScenario, 200, 1, [login.Summary, citizens.Summary, appointment.Summary],
            [login.Histogram, citizens.Histogram, appointment.Histogram]);
        var socketScenario = Scenario(WebsocketsScenario, 100, 0, [connect.Summary, join.Summary],
            [connect.Histogram, join.Histogram]);

        var all = LatencyHistograms.Create();
        foreach (var h in new[] { login, citizens, appointment, connect, join })
        {
            all.Add(h.Histogram);
        }

        var endpoints = new[] { login.Summary, citizens.Summary, appointment.Summary, connect.Summary, join.Summary };
        var requests = endpoints.Sum(e => e.Requests);
        var failed = endpoints.Sum(e => e.FailedRequests);
        var duration = TimeSpan.FromSeconds(60);
        var lag = generatorBound ? new LatencyStats(300, 0.1, 20, 12, 40, 55, 80, 95, 120) : new LatencyStats(300, 0.01, 0.3, 0.2, 0.6, 0.9, 2.5, 4, 6);
        string[] reasons = generatorBound ? ["arrival lag p99 80 ms exceeds 50 ms", "generator CPU 95 % exceeds 90 %"] : [];

        return new RunSummary(
            Name: LoginScenario + " / smoke",
            StartedAt: StartedAt,
            Duration: duration,
            ScenariosLaunched: 300,
            ScenariosCompleted: 299,
            ScenariosFailed: 1,
            SkippedArrivals: 0,
            Requests: requests,
            FailedRequests: failed,
            ErrorRate: (double)failed / requests,
            RequestsPerSecond: requests / duration.TotalSeconds,
            Latency: Stats(all),
            Codes: Merge(endpoints.Select(e => e.Codes)),
            Errors: Merge(endpoints.Select(e => e.Errors)),
            MessagesSent: 600,
            MessagesReceived: 900,
            Scenarios: [loginScenario, socketScenario],
            Endpoints: endpoints,
            Series: Series(random, 65),
            Generator: new GeneratorHealth(lag, generatorBound ? 114 : 9.5, generatorBound ? 0.95 : 0.08, generatorBound, reasons)
            {
                WindowSeconds = 65,
                WindowRequests = requests + 40,
                StartupCpuSeconds = 3.25,
                HostOtherCpuSeconds = generatorBound ? 4 : 52,
            },
            Phases: [new PhaseSummary("warm-up", "constant 2/s for 5 s", TimeSpan.FromSeconds(5), true, 10),
                     new PhaseSummary("ramp", "ramp 2→8/s for 60 s, maxVusers 200", TimeSpan.FromSeconds(60), false, 300)],
            Histogram: LatencyHistograms.Encode(all));
    }

    public static LatencyStats Stats(HistogramBase histogram) => LatencyHistograms.Stats(histogram);

    private static (EndpointSummary Summary, HistogramBase Histogram) Endpoint(
        Random random, string name, string kind, int requests, int failures, double medianMs, double sigma, int okCode)
    {
        var histogram = LatencyHistograms.Create();
        for (var i = 0; i < requests - failures; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var micros = (long)(medianMs * 1000 * Math.Exp(sigma * normal));
            histogram.RecordValue(Math.Clamp(micros, 1, LatencyHistograms.HighestMicroseconds));
        }

        var codes = new Dictionary<string, long> { [okCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = requests - failures };
        var errors = new Dictionary<string, long>();
        if (failures > 0)
        {
            errors[kind == "http" ? "connection-reset" : "socket-disconnect"] = failures;
        }

        var summary = new EndpointSummary(name, kind, requests, failures, Stats(histogram), codes, errors, LatencyHistograms.Encode(histogram));
        return (summary, histogram);
    }

    private static ScenarioSummary Scenario(
        string name, long launched, long failed, IReadOnlyList<EndpointSummary> endpoints, IEnumerable<HistogramBase> histograms)
    {
        var all = LatencyHistograms.Create();
        foreach (var h in histograms)
        {
            all.Add(h);
        }

        return new ScenarioSummary(name, launched, launched - failed, failed, 0, endpoints.Sum(e => e.Requests),
            endpoints.Sum(e => e.FailedRequests), Stats(all), endpoints, LatencyHistograms.Encode(all));
    }

    private static Dictionary<string, long> Merge(IEnumerable<IReadOnlyDictionary<string, long>> maps)
    {
        var merged = new Dictionary<string, long>();
        foreach (var (key, value) in maps.SelectMany(m => m))
        {
            merged[key] = merged.GetValueOrDefault(key) + value;
        }

        return merged;
    }

    private static TimeSeriesPoint[] Series(Random random, int seconds) =>
        [.. Enumerable.Range(0, seconds).Select(s =>
        {
            var rate = s < 5 ? 2 : 2 + (6.0 * (s - 5) / 60);
            var requests = (long)(rate * 14 + random.Next(0, 6));
            var p50 = 20 + (s * 0.4) + random.NextDouble() * 4;
            return new TimeSeriesPoint(s, (long)rate, 0, (int)(rate * 6), requests, s % 17 == 3 ? 1 : 0, p50, p50 * 2.4, p50 * 4.1);
        })];
}
