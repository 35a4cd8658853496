using System.Globalization;
using System.Text;
using PerfSuite.Reporting.Thresholds;
using static PerfSuite.Reporting.Reports.ReportFormat;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// <c>summary.txt</c>: the console summary in Artillery's familiar layout (so people who read Artillery reports
/// find every figure where they expect it), extended with p90/p99.9, skipped arrivals, error rate, generator health
/// and the budget verdict. Latencies in milliseconds.
/// </summary>
public sealed class TextSummaryExporter : IReportExporter
{
    /// <inheritdoc/>
    public string Name => "text";

    /// <inheritdoc/>
    public string FileName => "summary.txt";

    /// <summary>Renders the summary as text, lines separated by <c>\n</c>.</summary>
    /// <param name="context">The run.</param>
    /// <returns>The text.</returns>
    public static string Render(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Summary;
        var m = context.Metadata;
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        // The run's start, not the time of writing, so the same run always gives the same report.
        Line($"Summary report @ {s.StartedAt.ToUniversalTime().ToString("HH:mm:ss'(+0000)' yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        if (s.Generator.GeneratorBound)
        {
            Line($"WARNING: results may be generator-bound: {string.Join("; ", s.Generator.Reasons)}");
        }

        Line($"  Run: {s.Name}");
        Line($"  Scenario: {m.Scenario}, profile: {m.Profile}, run id: {m.RunId}");
        Line($"  Target: {m.TargetUrl}");
        if (m.Sharding is { } sharding)
        {
            Line($"  Sharding: {sharding}");
        }

        Line($"  Duration: {Seconds(s.Duration)}{Drain(s)}");
        Line($"  Scenarios launched:  {Count(s.ScenariosLaunched)}");
        Line($"  Scenarios completed: {Count(s.ScenariosCompleted)}");
        Line($"  Scenarios failed:    {Count(s.ScenariosFailed)}");
        Line($"  Skipped arrivals:    {Count(s.SkippedArrivals)}");
        Line($"  Requests completed:  {Count(s.Requests)}");
        Line($"  Mean response/sec: {Rate(s.RequestsPerSecond)}");
        Line($"  Error rate: {Percent(s.ErrorRate)} ({Count(s.FailedRequests)} of {Count(s.Requests)} failed)");
        Line("  Response time (msec):");
        Line($"    min: {Ms(s.Latency.MinMs)}");
        Line($"    max: {Ms(s.Latency.MaxMs)}");
        Line($"    median: {Ms(s.Latency.P50Ms)}");
        Line($"    p90: {Ms(s.Latency.P90Ms)}");
        Line($"    p95: {Ms(s.Latency.P95Ms)}");
        Line($"    p99: {Ms(s.Latency.P99Ms)}");
        Line($"    p99.9: {Ms(s.Latency.P999Ms)}");
        Line("  Scenario counts:");
        foreach (var scenario in s.Scenarios)
        {
            var share = s.ScenariosLaunched == 0 ? 0 : (double)scenario.Launched / s.ScenariosLaunched;
            Line($"    {scenario.Name}: {Count(scenario.Launched)} ({Percent(share)})");
        }

        Line("  Codes:");
        foreach (var (code, count) in OrderedCodes(s.Codes))
        {
            Line($"    {CodeLabel(code)}: {Count(count)}");
        }

        if (s.Errors.Count > 0)
        {
            Line("  Errors:");
            foreach (var (error, count) in OrderedErrors(s.Errors))
            {
                Line($"    {error}: {Count(count)}");
            }
        }

        if (s.CustomSteps > 0)
        {
            var errors = s.CustomStepErrors.Count == 0 ? string.Empty : $"; {string.Join(", ", OrderedErrors(s.CustomStepErrors).Select(e => $"{e.Key}: {Count(e.Value)}"))}";
            Line($"  Custom steps (not requests): {Count(s.CustomSteps)}, {Count(s.FailedCustomSteps)} failed{errors}");
        }

        if (s.MessagesSent > 0 || s.MessagesReceived > 0)
        {
            Line($"  Socket.IO messages: {Count(s.MessagesSent)} sent, {Count(s.MessagesReceived)} received");
        }

        if (s.RetriedRequests > 0)
        {
            Line($"  Retried after the server dropped a reused connection: {Count(s.RetriedRequests)} (counted as successes, not errors)");
        }

        var lag = s.Generator.ArrivalLag;
        Line($"  Generator: arrival lag p99 {Ms(lag.P99Ms)} ms, max {Ms(lag.MaxMs)} ms; CPU {Ms(s.Generator.CpuSeconds)} s ({Percent(s.Generator.CpuUtilization)})");
        Line($"  Generator CPU: {Optional(s.Generator.CpuMicrosecondsPerRequest, " µs")} per request, {Optional(s.Generator.CpuShareOfOneCore, string.Empty)} of one core; " +
             $"before the run (start-up, JIT, earlier tests) {Optional(s.Generator.StartupCpuSeconds, " s")}; rest of the machine during the run {HostOther(s.Generator)}");
        AppendVerdict(context.Verdict, Line);
        return text.ToString();
    }

    /// <inheritdoc/>
    public async Task ExportAsync(ReportContext context, TextWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(Render(context).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private static void AppendVerdict(BudgetVerdict? verdict, Action<string> line)
    {
        if (verdict is null)
        {
            line("  Budget: none checked");
            return;
        }

        var failed = verdict.Violations;
        if (verdict.Interruption is { } cancelled)
        {
            line($"  Budget: CANCELLED ({cancelled}; {failed.Count} of {verdict.Checks.Count} checks failed, {verdict.Scenario} / {verdict.Profile})");
        }
        else
        {
            line(verdict.Passed
                ? $"  Budget: PASS ({verdict.Checks.Count} checks, {verdict.Scenario} / {verdict.Profile})"
                : $"  Budget: FAIL ({failed.Count} of {verdict.Checks.Count} checks failed, {verdict.Scenario} / {verdict.Profile})");
        }

        foreach (var violation in failed)
        {
            line($"    {violation.Describe()}");
        }
    }
}
