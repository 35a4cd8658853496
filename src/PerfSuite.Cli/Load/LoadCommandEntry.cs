using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Load;

/// <summary>Process entry of the <c>load</c> subcommand: runtime defaults first, then <see cref="LoadCommand"/>; Ctrl+C cancels.</summary>
internal static class LoadCommandEntry
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        // Before any socket exists: the sockets layer reads its settings once, when its first engine starts.
        LoadGeneratorDefaults.Apply();
        return ConsoleCancellation.RunAsync("load", error, token => LoadCommand.RunAsync(args, output, error, token));
    }
}
