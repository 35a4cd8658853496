namespace PerfSuite.Cli;

/// <summary>Runs a subcommand with a token that Ctrl+C cancels, so the subcommand can stop what it started.</summary>
internal static class ConsoleCancellation
{
    /// <summary>Exit code of a subcommand cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Runs <paramref name="body"/>; on Ctrl+C its token is cancelled and, once it returns, <c>COMMAND: cancelled</c> is written.</summary>
    public static async Task<int> RunAsync(string command, TextWriter error, Func<CancellationToken, Task<int>> body)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await body(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{command}: cancelled").ConfigureAwait(false);
            return Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
