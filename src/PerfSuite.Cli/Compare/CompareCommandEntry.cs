using PerfSuite.Cli.Load;

namespace PerfSuite.Cli.Compare;

/// <summary>Process entry of <c>compare</c>: <c>--help</c>, runtime defaults, <c>PERF_BASELINE</c>, Ctrl+C cancels (servers and worktree are still removed).</summary>
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
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await CompareCommand.RunAsync(args, Environment.GetEnvironmentVariable("PERF_BASELINE"), CompareServers.Default, output, error, cancel.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("compare: cancelled").ConfigureAwait(false);
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
