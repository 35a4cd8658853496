using PerfSuite.Reporting.Reports;

namespace PerfSuite.Reporting.Comparison;

/// <summary>Writes <c>compare.md</c>, <c>compare.html</c> and <c>compare.json</c>, and the GitHub annotations of a comparison.</summary>
public static class ComparisonReports
{
    /// <summary>The file names, in the order written.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["compare.md", "compare.html", "compare.json"];

    /// <summary>Writes the three reports into <paramref name="directory"/> (created when missing).</summary>
    /// <param name="result">The comparison.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The full paths written.</returns>
    public static Task<IReadOnlyList<string>> WriteAsync(ComparisonResult result, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReportWriter<ComparisonResult>(
            [
                new Exporter("markdown", FileNames[0], ComparisonMarkdown.Render),
                new Exporter("html", FileNames[1], ComparisonHtml.Render),
                new Exporter("json", FileNames[2], ComparisonJson.Render),
            ]).WriteAsync(result, directory, cancellationToken);
    }

    /// <summary>One GitHub Actions <c>::error</c> workflow command per regressed metric (newlines escaped as GitHub requires).</summary>
    /// <param name="result">The comparison.</param>
    /// <returns>The workflow commands.</returns>
    public static IEnumerable<string> GitHubErrors(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Regressions.Select(r => $"::error title=Performance regression: {Escape(r.Scope.Name)}::{Describe(Escape(r.Scope.Name), r.Metric)}");
    }

    /// <summary>One line per regressed metric, e.g. <c>GET / p50 1.02 ms -> 4.10 ms (+302 %, 95 % interval …, tolerance ±10 %)</c>.</summary>
    /// <param name="result">The comparison.</param>
    /// <returns>The lines; empty when nothing regressed.</returns>
    public static IEnumerable<string> RegressionLines(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Regressions.Select(r => Describe(r.Scope.Name, r.Metric));
    }

    private static string Describe(string scope, MetricComparison metric) =>
        $"{scope} {ComparisonFormat.Label(metric.Metric)} " +
        $"{ComparisonFormat.Value(metric.Metric, metric.Baseline)} -> {ComparisonFormat.Value(metric.Metric, metric.Candidate)} " +
        $"({ComparisonFormat.Delta(metric)}, 95 % interval {ComparisonFormat.Interval(metric)}, tolerance ±{metric.Tolerance:P0})";

    private sealed class Exporter(string name, string fileName, Func<ComparisonResult, string> render) : IReportExporter<ComparisonResult>
    {
        public string Name => name;

        public string FileName => fileName;

        public Task ExportAsync(ComparisonResult context, TextWriter destination, CancellationToken cancellationToken) =>
            destination.WriteAsync(render(context).AsMemory(), cancellationToken);
    }

    private static string Escape(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
