using PerfSuite.Fixtures.Load.Cli;

namespace PerfSuite.Benchmarks.Cli;

/// <summary>Process entry of the <c>load</c> subcommand: runtime defaults first, then <see cref="LoadCommand"/>; Ctrl+C cancels.</summary>
internal static class LoadCommandEntry
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Before any socket exists: the sockets layer reads its settings once, when its first engine starts.
        LoadGeneratorDefaults.Apply();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return await LoadCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("load: cancelled");
            return 130;
        }
    }
}
