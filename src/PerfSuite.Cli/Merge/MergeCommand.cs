using System.CommandLine;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Sharding;

namespace PerfSuite.Cli.Merge;

/// <summary>
/// <c>perfsuite merge DIR... [--report-dir DIR]</c>: a thin front end over <see cref="ShardMerge"/>. Adds the shards'
/// counts and histograms exactly, writes the whole run's reports and <c>violations.txt</c>, evaluates the budget once;
/// exit 0 met, 1 missed, 2 when the directories are not one whole run (every problem named).
/// </summary>
internal static class MergeCommand
{
    public static readonly Argument<string[]> Directories = new("DIR")
    {
        Description = "one report directory per shard (each holds shard.json and report.json)",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Option<string?> ReportDir = CliOptions.Text("--report-dir", "where to write the merged reports (default ./merged)", "DIR", "-o");

    public static readonly Option<double?> MaxStartLag = CliOptions.PositiveNumber(
        "--max-start-lag", "S", "refuse a shard that started more than S seconds after the common start (default 5)");

    public static Command Create()
    {
        var command = new Command("merge", "merge the report directories of a sharded run into the whole run's reports and gate once; exit 1 on a missed budget")
        {
            Directories, ReportDir, MaxStartLag,
        };
        return command.WithHandler((parsed, output, error, token) => RunAsync(parsed, output, error, token), ExitCodes.Table);
    }

    private static async Task<int> RunAsync(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken token)
    {
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync(CliTool.Problem(parsed)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        ShardMergeResult merged;
        try
        {
            var lag = parsed.GetValue(MaxStartLag) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            merged = ShardMerge.Merge(parsed.GetValue(Directories) ?? [], lag);
        }
        catch (ShardMergeException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var directory = Path.GetFullPath(parsed.GetValue(ReportDir) ?? "merged");
        var files = await ShardMerge.WriteAsync(merged, directory, token).ConfigureAwait(false);
        await error.WriteAsync(TextSummaryExporter.Render(new ReportContext(merged.Summary, merged.Metadata, merged.Verdict))).ConfigureAwait(false);
        foreach (var file in files)
        {
            await output.WriteLineAsync(file).ConfigureAwait(false);
        }

        await error.WriteLineAsync($"{merged.Metadata.Sharding}: {(merged.Verdict.Passed ? "PASS" : "FAIL")}").ConfigureAwait(false);
        return merged.Verdict.Passed ? ExitCodes.Passed : ExitCodes.Missed;
    }
}
