using System.Text;
using PerfSuite.Reporting.Thresholds;
using static PerfSuite.Reporting.Reports.ReportFormat;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// <c>report.md</c>: what a reviewer reads in a pull request. A PASS/FAIL headline, the budget table with
/// ✅/❌ and the excess, latency percentiles per endpoint (ms), scenarios, codes, errors, generator health, phases and,
/// when the run was profiled, the server hot spots.
/// </summary>
public sealed class MarkdownReportExporter : IReportExporter
{
    /// <inheritdoc/>
    public string Name => "markdown";

    /// <inheritdoc/>
    public string FileName => "report.md";

    /// <summary>Renders the report as GitHub-flavoured Markdown.</summary>
    /// <param name="context">The run.</param>
    /// <returns>The Markdown text.</returns>
    public static string Render(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Summary;
        var m = context.Metadata;
        var md = new StringBuilder();
        void Line(string line = "") => md.Append(line).Append('\n');

        var icon = context.Verdict switch { _ when s.Cancelled => "⛔", null => "⚪", { Passed: true } => "✅", _ => "❌" };
        Line($"# {icon} {Headline(context)}: {Escape(m.Scenario)} · {Escape(m.Profile)}");
        Line();
        Line($"Run `{Code(m.RunId)}` against `{Code(m.TargetUrl)}`, started {Timestamp(s.StartedAt)}, {Seconds(s.Duration)} measured{Drain(s)}: " +
             $"**{Count(s.Requests)}** requests, **{Rate(s.RequestsPerSecond)}** req/s, " +
             $"p95 **{Ms(s.Latency.P95Ms)} ms**, p99 **{Ms(s.Latency.P99Ms)} ms**, error rate **{Percent(s.ErrorRate)}**, " +
             $"{Count(s.SkippedArrivals)} skipped arrivals.");
        if (m.Sharding is { } sharding)
        {
            Line();
            Line($"Sharding: {Escape(sharding)}.");
        }

        if (BudgetEvaluator.CancellationLine(s) is { } cancelled)
        {
            Line();
            Line($"**{Escape(cancelled)}.**");
        }

        if (context.Verdict is { } verdict)
        {
            Line();
            Line(verdict.Passed
                ? $"All {verdict.Checks.Count} budget checks passed."
                : $"**{verdict.Violations.Count} of {verdict.Checks.Count} budget checks failed.**");
        }

        if (s.Generator.GeneratorBound)
        {
            Line();
            Line($"> ⚠️ **WARNING: results may be generator-bound:** {Escape(string.Join("; ", s.Generator.Reasons))}");
        }

        foreach (var table in ReportTables.All(context))
        {
            AppendTable(md, table, "##");
        }

        AppendSlowest(md, s.Endpoints);

        if (context.HotSpots is { } hotSpots)
        {
            md.Append('\n').Append("## ").Append(ReportTables.HotSpotsTitle).Append("\n\n").Append(Escape(ReportTables.HotSpotsIntro(hotSpots))).Append('\n');
            foreach (var table in ReportTables.HotSpots(hotSpots))
            {
                AppendTable(md, table, "###");
            }
        }

        return md.ToString();
    }

    /// <inheritdoc/>
    public async Task ExportAsync(ReportContext context, TextWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(Render(context).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Escapes text so Markdown shows it literally, pipes included (table cells).</summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return escaped.ToString();
    }

    // The slowest requests' trace ids per endpoint, only when the run sent trace context.
    private static void AppendSlowest(StringBuilder md, IReadOnlyList<Engine.Metrics.EndpointSummary> endpoints)
    {
        var traced = endpoints.Where(e => e.SlowestRequests.Count > 0).ToList();
        if (traced.Count == 0)
        {
            return;
        }

        md.Append("\n## Slowest requests\n\n")
            .Append("Trace ids of each endpoint's slowest requests (W3C `traceparent`), to open in the server's tracing tool.\n");
        foreach (var endpoint in traced)
        {
            AppendTable(md, new ReportTable(
                "slowest",
                endpoint.Name,
                ["Latency (ms)", "Trace id"],
                [true, false],
                [.. endpoint.SlowestRequests.Select(r => (IReadOnlyList<string>)[Ms(r.LatencyMs), r.TraceId])],
                string.Empty), "###");
        }
    }

    private static void AppendTable(StringBuilder md, ReportTable table, string heading)
    {
        void Line(string line = "") => md.Append(line).Append('\n');
        Line();
        Line($"{heading} {Escape(table.Title)}");
        Line();
        if (table.Rows.Count == 0)
        {
            Line(Escape(table.Empty));
            return;
        }

        Line("| " + string.Join(" | ", table.Columns.Select(Escape)) + " |");
        Line("|" + string.Join("|", table.Numeric.Select(n => n ? "---:" : "---")) + "|");
        foreach (var row in table.Rows)
        {
            Line("| " + string.Join(" | ", row.Select(Escape)) + " |");
        }
    }

    // Inside a code span only the backtick is special; a run id or URL never has one, but a stray one must not break the line.
    private static string Code(string text) => text.Replace('`', '\'');
}
