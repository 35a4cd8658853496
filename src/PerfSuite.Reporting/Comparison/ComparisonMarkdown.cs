using System.Globalization;
using System.Text;

namespace PerfSuite.Reporting.Comparison;

/// <summary>Renders <c>compare.md</c>: the verdict first, then one table per scope (scenario, then each endpoint).</summary>
internal static class ComparisonMarkdown
{
    /// <summary>The Markdown report (GitHub-flavoured; fits a job summary).</summary>
    /// <param name="result">The comparison.</param>
    public static string Render(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Comparison: {result.Scenario} / {result.Profile}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"**{ComparisonFormat.Headline(result)}**")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Baseline: {result.Baseline}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Candidate: {result.Candidate}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Method: {result.Method}; took {result.Elapsed.TotalSeconds:0} s")
            .AppendLine(CultureInfo.InvariantCulture,
                $"- Tolerance: p50 ±{result.Tolerance.P50:P0}, p95 ±{result.Tolerance.P95:P0}, p99 ±{result.Tolerance.P99:P0}, throughput ±{result.Tolerance.Throughput:P0}, error rate ±{result.Tolerance.ErrorRateDelta * 100:0.##} pp; a regression needs the whole 95 % interval beyond it (docs/compare.md)");
        foreach (var note in result.Notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Note: {note}");
        }

        foreach (var scope in result.Scopes)
        {
            md.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"## {(scope.IsScenario ? "Scenario" : "Endpoint")}: {scope.Name}")
                .AppendLine()
                .AppendLine("| Metric | Baseline | Candidate | Delta | 95 % interval | Verdict | Why |")
                .AppendLine("|---|---:|---:|---:|---|---|---|");
            foreach (var row in ComparisonFormat.Rows(scope))
            {
                md.AppendLine(row.Replace("REGRESSION", "**REGRESSION**", StringComparison.Ordinal));
            }
        }

        return md.ToString();
    }
}
