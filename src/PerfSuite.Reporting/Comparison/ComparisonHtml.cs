using System.Globalization;
using System.Text;
using PerfSuite.Reporting.Reports;
using static PerfSuite.Reporting.Reports.SvgChartFrame;

namespace PerfSuite.Reporting.Comparison;

/// <summary>
/// Renders <c>compare.html</c>: one self-contained page (inline CSS and SVG, no script, a Content-Security-Policy that loads
/// nothing) with, per scope, the comparison table and an overlay of the baseline and candidate latency percentile
/// curves (<c>data-chart="percentiles-N"</c>; x = number of nines: 0.3 = p50, 1 = p90, 2 = p99, 3 = p99.9).
/// </summary>
internal static class ComparisonHtml
{
    /// <summary>The page.</summary>
    /// <param name="result">The comparison.</param>
    public static string Render(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var headline = ComparisonFormat.Headline(result);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{Encode(headline)}: {Encode(result.Scenario)} · {Encode(result.Profile)}</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<style>{HtmlReportExporter.Style}</style>\n</head>\n<body>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1 class=\"{(result.HasRegression ? "fail" : "pass")}\">{Encode(headline)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(result.Scenario)} · {Encode(result.Profile)}. Baseline: <code>{Encode(result.Baseline)}</code>. ")
            .Append(CultureInfo.InvariantCulture, $"Candidate: <code>{Encode(result.Candidate)}</code>. {Encode(result.Method)}; took {result.Elapsed.TotalSeconds:0} s.</p>\n");
        foreach (var note in result.Notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"warning\">{Encode(note)}</p>\n");
        }

        for (var i = 0; i < result.Scopes.Count; i++)
        {
            var scope = result.Scopes[i];
            html.Append(CultureInfo.InvariantCulture, $"<h2>{(scope.IsScenario ? "Scenario" : "Endpoint")}: {Encode(scope.Name)}</h2>\n<table>\n<tr>")
                .Append("<th>Metric</th><th>Baseline</th><th>Candidate</th><th>Delta</th><th>95 % interval</th><th>Verdict</th><th>Why</th></tr>\n");
            foreach (var m in scope.Metrics)
            {
                var verdictClass = m.Verdict switch
                {
                    ComparisonVerdict.Regression => " class=\"fail\"",
                    ComparisonVerdict.Improvement => " class=\"pass\"",
                    _ => string.Empty,
                };
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{ComparisonFormat.Label(m.Metric)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Encode(ComparisonFormat.Value(m.Metric, m.Baseline))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Encode(ComparisonFormat.Value(m.Metric, m.Candidate))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Encode(ComparisonFormat.Delta(m))}</td><td>{Encode(ComparisonFormat.Interval(m))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td{verdictClass}>{Encode(ComparisonFormat.Verdict(m.Verdict))}</td><td>{Encode(m.Reason)}</td></tr>\n");
            }

            html.Append("</table>\n")
                .Append(SvgLineChart.Render($"percentiles-{i}", $"Latency percentiles: {scope.Name}", "percentile (nines: 0.3 = p50, 1 = p90, 2 = p99, 3 = p99.9)", "latency (ms)",
                [Curve("baseline", "#1f77b4", scope.BaselineLatency), Curve("candidate", "#d62728", scope.CandidateLatency)]));
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static SvgLine Curve(string name, string color, LatencySample sample) =>
        new(name, color, sample.TotalCount == 0 ? [] : [.. ComparisonFormat.CurvePercentiles.Zip(sample.PercentilesMs(ComparisonFormat.CurvePercentiles), (p, ms) => (-Math.Log10(1 - (p / 100)), ms))]);
}
