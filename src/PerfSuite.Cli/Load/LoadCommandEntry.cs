using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Load;

/// <summary>Process entry of the <c>load</c> subcommand: runtime defaults first, then <see cref="LoadCommand"/>; Ctrl+C cancels.</summary>
internal static class LoadCommandEntry
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        // Before any socket exists: the sockets layer reads its settings once, when its first engine starts.
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
            return await LoadCommand.RunAsync(args, output, error, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("load: cancelled").ConfigureAwait(false);
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
