namespace PerfSuite.Cli;

/// <summary>Runs a subcommand with a token that Ctrl+C cancels, so the subcommand can stop what it started.</summary>
internal static class ConsoleCancellation
{
    /// <summary>Exit code of a subcommand cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = ExitCodes.Interrupted;

    /// <summary>
    /// Runs <paramref name="body"/>; on Ctrl+C its token is cancelled and, once it returns <see cref="Cancelled"/> (having written
    /// its partial result) or throws <see cref="OperationCanceledException"/>, <c>COMMAND: cancelled</c> is written. A second
    /// Ctrl+C is not intercepted: it ends the process at once.
    /// </summary>
    public static async Task<int> RunAsync(string command, TextWriter error, Func<CancellationToken, Task<int>> body)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C asks the command to stop and report; the second one is the default: terminate.
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var code = await body(cancel.Token).ConfigureAwait(false);
            if (code == Cancelled && cancel.IsCancellationRequested)
            {
                await error.WriteLineAsync($"{command}: cancelled").ConfigureAwait(false);
            }

            return code;
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
