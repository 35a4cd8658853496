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
    public static async Task<IReadOnlyList<string>> WriteAsync(ComparisonResult result, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        string[] contents = [ComparisonMarkdown.Render(result), ComparisonHtml.Render(result), ComparisonJson.Render(result)];
        var paths = new List<string>();
        for (var i = 0; i < FileNames.Count; i++)
        {
            var path = Path.GetFullPath(Path.Combine(directory, FileNames[i]));
            await File.WriteAllTextAsync(path, contents[i], cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>One GitHub Actions <c>::error</c> workflow command per regressed metric (newlines escaped as GitHub requires).</summary>
    /// <param name="result">The comparison.</param>
    public static IEnumerable<string> GitHubErrors(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Regressions.Select(r =>
            $"::error title=Performance regression: {Escape(r.Scope.Name)}::{Escape(r.Scope.Name)} {ComparisonFormat.Label(r.Metric.Metric)} " +
            $"{ComparisonFormat.Value(r.Metric.Metric, r.Metric.Baseline)} -> {ComparisonFormat.Value(r.Metric.Metric, r.Metric.Candidate)} " +
            $"({ComparisonFormat.Delta(r.Metric)}, 95 % interval {ComparisonFormat.Interval(r.Metric)}, tolerance ±{r.Metric.Tolerance:P0})");
    }

    private static string Escape(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
