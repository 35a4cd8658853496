using PerfSuite.Cli.Load;

namespace PerfSuite.Cli.Compare;

/// <summary>Process entry of <c>compare</c>: <c>--help</c>, runtime defaults; Ctrl+C cancels (servers are still removed).</summary>
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
            CompareCommand.RunAsync(args, Environment.GetEnvironmentVariable, output, error, token)).ConfigureAwait(false);
    }
}
