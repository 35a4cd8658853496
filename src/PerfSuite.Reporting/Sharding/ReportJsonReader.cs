using System.Text.Json;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;

namespace PerfSuite.Reporting.Sharding;

/// <summary>Reads a <c>report.json</c> (perfsuite/report/v1) back into the summary it was written from.</summary>
internal static class ReportJsonReader
{
    public static (RunSummary Summary, RunMetadata Metadata) Read(string path)
    {
        JsonReport? report;
        try
        {
            report = JsonSerializer.Deserialize<JsonReport>(File.ReadAllText(path), ReportJson.Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a PerfSuite report ({e.Message})", e);
        }

        if (report is null || report.Schema != JsonReport.SchemaName)
        {
            throw new FormatException($"{path}: schema must be '{JsonReport.SchemaName}' (was '{report?.Schema}')");
        }

        var r = report.Run;
        var g = report.Generator;
        var summary = new RunSummary(
            r.Name, r.StartedAt, TimeSpan.FromSeconds(r.DurationSeconds), r.ScenariosLaunched, r.ScenariosCompleted, r.ScenariosFailed,
            r.SkippedArrivals, r.Requests, r.FailedRequests, r.ErrorRate, r.RequestsPerSecond, Stats(r.Latency), r.Codes, r.Errors,
            r.MessagesSent, r.MessagesReceived,
            [.. report.Scenarios.Select(c => new ScenarioSummary(c.Name, c.Launched, c.Completed, c.Failed, c.SkippedArrivals, c.Requests,
                c.FailedRequests, Stats(c.Latency), [.. c.Endpoints.Select(Endpoint)], c.Histogram))],
            [.. report.Endpoints.Select(Endpoint)],
            [.. report.Series.Select(p => new TimeSeriesPoint(p.Second, p.Arrivals, p.Skipped, p.ActiveUsers, p.Requests, p.Errors, p.P50Ms, p.P95Ms, p.P99Ms))],
            new GeneratorHealth(Stats(g.ArrivalLag), g.CpuSeconds, g.CpuUtilization, g.GeneratorBound, g.Reasons)
            {
                WindowSeconds = g.WindowSeconds,
                WindowRequests = g.WindowRequests,
                StartupCpuSeconds = g.StartupCpuSeconds,
                HostOtherCpuSeconds = g.HostOtherCpuSeconds,
            },
            [.. report.Phases.Select(p => new PhaseSummary(p.Name, p.Description, TimeSpan.FromSeconds(p.DurationSeconds), p.WarmUp, p.Arrivals))],
            r.Histogram)
        {
            Cancelled = report.Cancelled,
            RetriedRequests = r.RetriedRequests,
            Drain = TimeSpan.FromSeconds(r.DrainSeconds),
            InterruptedAfter = r.InterruptedAfterSeconds is { } at ? TimeSpan.FromSeconds(at) : null,
        };
        var m = report.Metadata;
        return (summary, new RunMetadata(m.RunId, m.Scenario, m.Profile, m.TargetUrl) { Sharding = m.Sharding });
    }

    private static EndpointSummary Endpoint(JsonEndpoint e) =>
        new(e.Name, e.Kind, e.Requests, e.FailedRequests, Stats(e.Latency), e.Codes, e.Errors, e.Histogram)
        {
            SlowestRequests = e.SlowestRequests is { } slowest ? [.. slowest.Select(r => new SlowRequest(r.LatencyMs, r.TraceId))] : [],
        };

    private static LatencyStats Stats(JsonLatency l) => new(l.Count, l.MinMs, l.MeanMs, l.P50Ms, l.P90Ms, l.P95Ms, l.P99Ms, l.P999Ms, l.MaxMs);
}
