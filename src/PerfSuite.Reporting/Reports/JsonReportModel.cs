using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Reporting.Reports;

// The schema's own types, separate from RunSummary, so a rename in C# never silently changes
// perfsuite/report/v1. Every field is documented in docs/report-schema.md.
internal sealed record JsonReport(
    string Schema, JsonMetadata Metadata, JsonRun Run, IReadOnlyList<JsonScenario> Scenarios, IReadOnlyList<JsonEndpoint> Endpoints,
    IReadOnlyList<JsonSeriesPoint> Series, JsonGenerator Generator, IReadOnlyList<JsonPhase> Phases, JsonBudget? Budget, bool Cancelled)
{
    public const string SchemaName = "perfsuite/report/v1";

    public static JsonReport From(ReportContext context)
    {
        var s = context.Summary;
        var m = context.Metadata;
        return new JsonReport(
            SchemaName,
            new JsonMetadata(m.RunId, m.Scenario, m.Profile, m.TargetUrl, m.Sharding),
            new JsonRun(s.Name, s.StartedAt, s.Duration.TotalSeconds, s.ScenariosLaunched, s.ScenariosCompleted, s.ScenariosFailed,
                s.SkippedArrivals, s.Requests, s.FailedRequests, s.ErrorRate, s.RequestsPerSecond, JsonLatency.From(s.Latency), Codes(s.Codes), Errors(s.Errors),
                s.MessagesSent, s.MessagesReceived, s.RetriedRequests, s.Histogram, s.CustomSteps, s.FailedCustomSteps, Errors(s.CustomStepErrors),
                s.Drain.TotalSeconds, s.InterruptedAfter?.TotalSeconds),
            [.. s.Scenarios.Select(c => new JsonScenario(c.Name, c.Launched, c.Completed, c.Failed, c.SkippedArrivals, c.Requests,
                c.FailedRequests, SummaryRates.ErrorRate(c), JsonLatency.From(c.Latency), [.. c.Endpoints.Select(e => Endpoint(s, e))], c.Histogram))],
            [.. s.Endpoints.Select(e => Endpoint(s, e))],
            [.. s.Series.Select(p => new JsonSeriesPoint(p.Second, p.Arrivals, p.Skipped, p.ActiveUsers, p.Requests, p.Errors, p.P50Ms, p.P95Ms, p.P99Ms))],
            new JsonGenerator(JsonLatency.From(s.Generator.ArrivalLag), s.Generator.CpuSeconds, s.Generator.CpuUtilization, s.Generator.GeneratorBound, s.Generator.Reasons,
                s.Generator.WindowSeconds, s.Generator.WindowRequests, s.Generator.CpuMicrosecondsPerRequest, s.Generator.CpuShareOfOneCore,
                s.Generator.StartupCpuSeconds, s.Generator.HostOtherCpuSeconds, s.Generator.HostOtherCores),
            [.. s.Phases.Select(p => new JsonPhase(p.Name, p.Description, p.Duration.TotalSeconds, p.WarmUp, p.Arrivals))],
            context.Verdict is { } v ? new JsonBudget(v.Scenario, v.Profile, v.Passed, [.. v.Checks.Select(Check)]) : null,
            s.Cancelled);
    }

    private static JsonEndpoint Endpoint(RunSummary run, EndpointSummary e) => new(
        e.Name, e.Kind, e.Requests, e.FailedRequests, SummaryRates.ErrorRate(e), SummaryRates.RequestsPerSecond(run, e), JsonLatency.From(e.Latency),
        Codes(e.Codes), Errors(e.Errors), e.Histogram,
        e.SlowestRequests.Count == 0 ? null : [.. e.SlowestRequests.Select(r => new JsonSlowRequest(r.LatencyMs, r.TraceId))]);

    private static JsonCheck Check(BudgetCheck c) => new(
        c.Metric.FileKey(), c.Metric.Label(), c.ScopeKind == BudgetScope.Endpoint ? "endpoint" : "scenario", c.Scope,
        c.Metric.IsLowerBound() ? ">=" : "<=", c.Budget, c.Actual, c.Passed, c.Excess, c.ExcessPercent);

    // Sorted so two reports of similar runs diff line by line.
    private static Dictionary<string, long> Codes(IReadOnlyDictionary<string, long> codes) =>
        ReportFormat.OrderedCodes(codes).ToDictionary(c => c.Key, c => c.Value);

    private static Dictionary<string, long> Errors(IReadOnlyDictionary<string, long> errors) =>
        errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value);
}

internal sealed record JsonMetadata(
    string RunId, string Scenario, string Profile, string TargetUrl,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Sharding = null);

internal sealed record JsonRun(
    string Name, DateTimeOffset StartedAt, double DurationSeconds, long ScenariosLaunched, long ScenariosCompleted, long ScenariosFailed,
    long SkippedArrivals, long Requests, long FailedRequests, double ErrorRate, double RequestsPerSecond, JsonLatency Latency,
    IReadOnlyDictionary<string, long> Codes, IReadOnlyDictionary<string, long> Errors, long MessagesSent, long MessagesReceived, long RetriedRequests,
    string Histogram, long CustomSteps, long FailedCustomSteps, IReadOnlyDictionary<string, long> CustomStepErrors,
    double DrainSeconds = 0, double? InterruptedAfterSeconds = null);

internal sealed record JsonScenario(
    string Name, long Launched, long Completed, long Failed, long SkippedArrivals, long Requests, long FailedRequests, double ErrorRate,
    JsonLatency Latency, IReadOnlyList<JsonEndpoint> Endpoints, string Histogram);

internal sealed record JsonEndpoint(
    string Name, string Kind, long Requests, long FailedRequests, double ErrorRate, double RequestsPerSecond, JsonLatency Latency,
    IReadOnlyDictionary<string, long> Codes, IReadOnlyDictionary<string, long> Errors, string Histogram,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<JsonSlowRequest>? SlowestRequests = null);

// One of an endpoint's slowest requests (trace context on): latency in ms and W3C trace id.
internal sealed record JsonSlowRequest(double LatencyMs, string TraceId);

internal sealed record JsonGenerator(
    JsonLatency ArrivalLag, double CpuSeconds, double CpuUtilization, bool GeneratorBound, IReadOnlyList<string> Reasons,
    double WindowSeconds, long WindowRequests, double? CpuUsPerRequest, double? CpuShareOfOneCore,
    double? StartupCpuSeconds, double? HostOtherCpuSeconds, double? HostOtherCores);

internal sealed record JsonPhase(string Name, string Description, double DurationSeconds, bool WarmUp, long Arrivals);

internal sealed record JsonBudget(string Scenario, string Profile, bool Passed, IReadOnlyList<JsonCheck> Checks);

internal sealed record JsonCheck(
    string Metric, string Label, string Scope, string Name, string Comparison, double Budget, double? Actual, bool Passed,
    double? Excess, double? ExcessPercent);

internal sealed record JsonLatency(long Count, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static JsonLatency From(LatencyStats l) => new(l.Count, l.MinMs, l.MeanMs, l.P50Ms, l.P90Ms, l.P95Ms, l.P99Ms, l.P999Ms, l.MaxMs);
}

internal sealed record JsonSeriesPoint(
    int Second, long Arrivals, long Skipped, int ActiveUsers, long Requests, long Errors, double P50Ms, double P95Ms, double P99Ms);
