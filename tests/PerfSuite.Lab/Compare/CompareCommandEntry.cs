using PerfSuite.Cli;
using PerfSuite.Cli.Load;

namespace PerfSuite.Lab.Compare;

/// <summary>Process entry of <c>compare</c>: <c>--help</c>, runtime defaults, <c>PERF_BASELINE</c>; Ctrl+C cancels (servers and worktree are still removed).</summary>
internal static class CompareCommandEntry
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (CommandLine.WantsHelp(args))
        {
            await output.WriteLineAsync(CompareCommandParser.Usage).ConfigureAwait(false);
            return 0;
        }

        LoadGeneratorDefaults.Apply();
        return await ConsoleCancellation.RunAsync("compare", error, token =>
            CompareCommand.RunAsync(args, Environment.GetEnvironmentVariable("PERF_BASELINE"), CompareServers.Default, output, error, token)).ConfigureAwait(false);
    }
}
