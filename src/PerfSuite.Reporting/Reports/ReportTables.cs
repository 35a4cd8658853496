using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Reporting.Thresholds;
using static PerfSuite.Reporting.Reports.ReportFormat;

namespace PerfSuite.Reporting.Reports;

/// <summary>The tables a reviewer reads: budget, latency per endpoint, scenarios, codes, errors, generator health.</summary>
internal static class ReportTables
{
    public const string Passed = "✅ pass";
    public const string Failed = "❌ fail";

    public static IReadOnlyList<ReportTable> All(ReportContext context) =>
        [Budget(context.Verdict), Endpoints(context.Summary), Scenarios(context.Summary), Codes(context.Summary),
         Errors(context.Summary), Generator(context.Summary.Generator), Phases(context.Summary)];

    public static ReportTable Budget(BudgetVerdict? verdict) => new(
        "budget",
        "Budget",
        ["Metric", "Scope", "Budget", "Actual", "Result", "Over budget / to spare"],
        [false, false, true, true, false, true],
        verdict is null ? [] : [.. verdict.Checks.Select(c => (IReadOnlyList<string>)
        [
            c.Metric.Label(),
            (c.ScopeKind == BudgetScope.Endpoint ? "endpoint " : "scenario ") + c.Scope,
            (c.Metric.IsLowerBound() ? "≥ " : "≤ ") + c.Metric.Format(c.Budget),
            c.Actual is { } actual ? c.Metric.Format(actual) : "no samples",
            c.Passed ? Passed : Failed,
            c.Passed ? BudgetFormat.Headroom(c) : BudgetFormat.Excess(c),
        ])],
        verdict is null ? "No budget was checked for this run." : "The budget sets no limit.");

    public static ReportTable Endpoints(RunSummary summary)
    {
        var rows = new List<IReadOnlyList<string>> { LatencyRow("All requests", "", summary.Requests, summary.FailedRequests, summary.ErrorRate, summary.Latency) };
        rows.AddRange(summary.Endpoints.Select(e => LatencyRow(e.Name, e.Kind, e.Requests, e.FailedRequests, EndpointErrorRate(e), e.Latency)));
        return new ReportTable(
            "endpoints",
            "Latency per endpoint (ms)",
            ["Endpoint", "Kind", "Requests", "Failed", "Error rate", "p50", "p90", "p95", "p99", "p99.9", "max", "mean"],
            [false, false, true, true, true, true, true, true, true, true, true, true],
            rows,
            "No requests.");
    }

    public static ReportTable Scenarios(RunSummary summary) => new(
        "scenarios",
        "Scenarios",
        ["Scenario", "Launched", "Completed", "Failed", "Skipped arrivals", "Requests", "Error rate", "p50", "p95", "p99"],
        [false, true, true, true, true, true, true, true, true, true],
        [.. summary.Scenarios.Select(s => (IReadOnlyList<string>)
        [
            s.Name, Count(s.Launched), Count(s.Completed), Count(s.Failed), Count(s.SkippedArrivals), Count(s.Requests),
            Percent(SummaryRates.ErrorRate(s)), Ms(s.Latency.P50Ms), Ms(s.Latency.P95Ms), Ms(s.Latency.P99Ms),
        ])],
        "No scenarios.");

    public static ReportTable Codes(RunSummary summary) => new(
        "codes", "Codes", ["Code", "Count"], [false, true],
        [.. OrderedCodes(summary.Codes).Select(c => (IReadOnlyList<string>)[CodeLabel(c.Key), Count(c.Value)])],
        "No responses.");

    public static ReportTable Errors(RunSummary summary) => new(
        "errors", "Errors", ["Error", "Count"], [false, true],
        [.. OrderedErrors(summary.Errors).Select(e => (IReadOnlyList<string>)[e.Key, Count(e.Value)])],
        "No errors.");

    public static ReportTable Generator(GeneratorHealth health) => new(
        "generator",
        "Generator health",
        ["Figure", "Value"],
        [false, true],
        [
            ["Arrival lag p50 / p99 / max", $"{Ms(health.ArrivalLag.P50Ms)} / {Ms(health.ArrivalLag.P99Ms)} / {Ms(health.ArrivalLag.MaxMs)} ms"],
            ["CPU time", $"{Ms(health.CpuSeconds)} s"],
            ["CPU utilization", Percent(health.CpuUtilization)],
            ["CPU per request (window, warm-up included)", Optional(health.CpuMicrosecondsPerRequest, " µs")],
            ["CPU, share of one core", Optional(health.CpuShareOfOneCore, string.Empty)],
            ["Process CPU before the run (start-up, JIT, earlier tests)", Optional(health.StartupCpuSeconds, " s")],
            ["Rest of the machine's CPU during the run (server under test, others)", HostOther(health)],
            ["Generator-bound", health.GeneratorBound ? "⚠️ yes: " + string.Join("; ", health.Reasons) : "no"],
        ],
        string.Empty);

    public static ReportTable Phases(RunSummary summary) => new(
        "phases",
        "Phases",
        ["Phase", "Description", "Duration", "Arrivals", "Warm-up"],
        [false, false, true, true, false],
        [.. summary.Phases.Select(p => (IReadOnlyList<string>)[p.Name, p.Description, Seconds(p.Duration), Count(p.Arrivals), p.WarmUp ? "yes (excluded)" : "no"])],
        "No phases.");

    /// <summary>The heading of the hot-spot section.</summary>
    public const string HotSpotsTitle = "Server hot spots";

    /// <summary>The two hot-spot tables (by own samples, by total samples), empty when there is no profile.</summary>
    public static IReadOnlyList<ReportTable> HotSpots(ServerHotSpots hotSpots) => !hotSpots.HasProfile ? [] :
    [
        .. hotSpots.Split.Count == 0 ? Array.Empty<ReportTable>() : [SplitTable(hotSpots)],
        .. hotSpots.Split.Count == 0 ? Array.Empty<ReportTable>() : [HotSpotTable("hot-spots-your-code", "Your code by total samples (your function or what it called): start here", hotSpots.YourCode)],
        HotSpotTable("hot-spots-own", "By own samples (the function itself was running)", hotSpots.ByOwn),
        HotSpotTable("hot-spots-total", "By total samples (the function or what it called)", hotSpots.ByTotal),
    ];

    private static ReportTable SplitTable(ServerHotSpots hotSpots) => new(
        "hot-spots-split",
        $"Whose code was running (the sample's own frame); your code was on the stack in {Percent(hotSpots.YourCodeOnStackShare)} of the samples",
        ["Code", "Samples", "Share", "Mostly"],
        [false, true, true, false],
        [.. hotSpots.Split.Select(r => (IReadOnlyList<string>)[r.Label, Count(r.Samples), Percent(r.Share), string.Join("; ", r.Top)])],
        "No samples.");

    /// <summary>The sentence under the hot-spot heading: the sample count and what was profiled, or why there is no profile.</summary>
    public static string HotSpotsIntro(ServerHotSpots hotSpots) => hotSpots.HasProfile
        ? $"{Count(hotSpots.Samples)} samples of the server during this run; percent of these samples, process frames stripped. {hotSpots.Note}"
        : $"No server profile for this run: {hotSpots.Note}";

    private static ReportTable HotSpotTable(string id, string title, IReadOnlyList<HotSpot> spots) => new(
        id,
        title,
        ["#", "Function (file:line)", "Own samples", "Own %", "Total samples", "Total %"],
        [true, false, true, true, true, true],
        [.. spots.Select((h, i) => (IReadOnlyList<string>)
        [
            Count(i + 1), CodeClassifier.IsIdle(h.Function) ? $"{h.Function} [idle polling, not a hot spot]" : h.Function, Count(h.OwnSamples), Percent(h.OwnShare), Count(h.TotalSamples), Percent(h.TotalShare),
        ])],
        "No samples.");

    private static IReadOnlyList<string> LatencyRow(string name, string kind, long requests, long failed, double errorRate, LatencyStats l) =>
    [
        name, kind, Count(requests), Count(failed), Percent(errorRate),
        Ms(l.P50Ms), Ms(l.P90Ms), Ms(l.P95Ms), Ms(l.P99Ms), Ms(l.P999Ms), Ms(l.MaxMs), Ms(l.MeanMs),
    ];
}
