using System.Text;
using static PerfSuite.Reporting.Reports.ReportFormat;
using static PerfSuite.Reporting.Reports.SvgChartFrame;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no scripts, fonts or external resources; a
/// Content-Security-Policy forbids loading any) with four charts and the Markdown report's tables. Charts:
/// <c>latency-over-time</c> (p50/p95/p99 per second, ms), <c>throughput</c> (requests and errors per second),
/// <c>active-users</c> (virtual users), <c>latency-histogram</c> (request counts in 1-2-5 ms buckets).
/// Every string from the run is HTML-encoded.
/// </summary>
public sealed class HtmlReportExporter : IReportExporter
{
    /// <summary>The <c>data-chart</c> values of the charts, in page order.</summary>
    public static IReadOnlyList<string> ChartIds { get; } = ["latency-over-time", "throughput", "active-users", "latency-histogram"];

    internal const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;color:#222}
        h1.pass{color:#1a7f37}h1.fail{color:#cf222e}h1.none{color:#555}
        .warning{background:#fff4ce;border:2px solid #d4a72c;padding:8px 12px;font-weight:bold}
        table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}th,td{border:1px solid #d0d7de;padding:4px 8px}
        th{background:#f6f8fa}td.pass{color:#1a7f37;font-weight:bold}td.fail{color:#cf222e;font-weight:bold}td.num{text-align:right;font-variant-numeric:tabular-nums}
        svg.chart{display:block;margin:8px 0 24px;max-width:100%;height:auto}
        .chart-title{font-size:16px;font-weight:bold}.tick,.legend{font-size:12px;fill:#444}.axis-label{font-size:13px;fill:#222}
        .grid{stroke:#e5e5e5}.axis{stroke:#333}.no-data{fill:#999;font-size:16px}
        """;

    /// <inheritdoc/>
    public string Name => "html";

    /// <inheritdoc/>
    public string FileName => "report.html";

    /// <summary>Renders the page.</summary>
    /// <param name="context">The run.</param>
    /// <returns>HTML text.</returns>
    public static string Render(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Summary;
        var m = context.Metadata;
        var headline = Headline(context);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append($"<title>{Encode(headline)}: {Encode(m.Scenario)} · {Encode(m.Profile)}</title>\n")
            .Append($"<style>{Style}</style>\n</head>\n<body>\n")
            .Append($"<h1 class=\"{(context.Verdict is null && !s.Cancelled ? "none" : context.Verdict is { Passed: true } ? "pass" : "fail")}\">")
            .Append($"{Encode(headline)}: {Encode(m.Scenario)} · {Encode(m.Profile)}</h1>\n")
            .Append($"<p>Run <code>{Encode(m.RunId)}</code> against <code>{Encode(m.TargetUrl)}</code>, started {Timestamp(s.StartedAt)}, ")
            .Append($"{Seconds(s.Duration)} measured{Encode(Drain(s))}: <b>{Count(s.Requests)}</b> requests, <b>{Rate(s.RequestsPerSecond)}</b> req/s, ")
            .Append($"p95 <b>{Ms(s.Latency.P95Ms)} ms</b>, p99 <b>{Ms(s.Latency.P99Ms)} ms</b>, error rate <b>{Percent(s.ErrorRate)}</b>, ")
            .Append($"{Count(s.SkippedArrivals)} skipped arrivals.</p>\n");
        if (m.Sharding is { } sharding)
        {
            html.Append($"<p>Sharding: {Encode(sharding)}.</p>\n");
        }

        if (s.Generator.GeneratorBound)
        {
            html.Append($"<p class=\"warning\">⚠️ WARNING: results may be generator-bound: {Encode(string.Join("; ", s.Generator.Reasons))}</p>\n");
        }

        html.Append("<h2>Charts</h2>\n");
        var series = s.Series;
        html.Append(SvgLineChart.Render(ChartIds[0], "Latency percentiles over time", "time since start (s)", "latency (ms)",
            [
                new SvgLine("p50", "#4e79a7", [.. series.Select(p => ((double)p.Second, p.P50Ms))]),
                new SvgLine("p95", "#f28e2b", [.. series.Select(p => ((double)p.Second, p.P95Ms))]),
                new SvgLine("p99", "#e15759", [.. series.Select(p => ((double)p.Second, p.P99Ms))]),
            ]));
        html.Append(SvgLineChart.Render(ChartIds[1], "Requests and errors per second", "time since start (s)", "per second",
            [
                new SvgLine("requests", "#4e79a7", [.. series.Select(p => ((double)p.Second, (double)p.Requests))]),
                new SvgLine("errors", "#e15759", [.. series.Select(p => ((double)p.Second, (double)p.Errors))]),
            ]));
        html.Append(SvgLineChart.Render(ChartIds[2], "Active virtual users", "time since start (s)", "virtual users",
            [new SvgLine("active users", "#59a14f", [.. series.Select(p => ((double)p.Second, (double)p.ActiveUsers))])]));
        html.Append(SvgBarChart.Render(ChartIds[3], "Latency histogram (all requests, warm-up excluded)", "latency bucket (ms, upper bound)", "requests",
            LatencyBuckets.From(s.Histogram)));

        foreach (var table in ReportTables.All(context))
        {
            AppendTable(html, table, "h2");
        }

        if (context.HotSpots is { } hotSpots)
        {
            html.Append($"<h2 id=\"hot-spots\">{Encode(ReportTables.HotSpotsTitle)}</h2>\n<p>{Encode(ReportTables.HotSpotsIntro(hotSpots))}</p>\n");
            foreach (var table in ReportTables.HotSpots(hotSpots))
            {
                AppendTable(html, table, "h3");
            }
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <inheritdoc/>
    public async Task ExportAsync(ReportContext context, TextWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(Render(context).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private static void AppendTable(StringBuilder html, ReportTable table, string heading)
    {
        html.Append($"<{heading}>{Encode(table.Title)}</{heading}>\n");
        if (table.Rows.Count == 0)
        {
            html.Append($"<p>{Encode(table.Empty)}</p>\n");
            return;
        }

        html.Append($"<table id=\"table-{Encode(table.Id)}\">\n<tr>");
        foreach (var column in table.Columns)
        {
            html.Append($"<th>{Encode(column)}</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(Cell(row[i], table.Numeric[i]));
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    // Pass/fail is also coloured and spelled out: emoji fonts are missing on many CI machines and headless browsers.
    private static string Cell(string text, bool numeric) => text switch
    {
        ReportTables.Passed => "<td class=\"pass\">✔ pass</td>",
        ReportTables.Failed => "<td class=\"fail\">✘ fail</td>",
        _ => (numeric ? "<td class=\"num\">" : "<td>") + Encode(text) + "</td>",
    };
}
