using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Load;

/// <summary>Process entry of the <c>load</c> subcommand: runtime defaults first, then <see cref="LoadCommand"/>; Ctrl+C cancels.</summary>
internal static class LoadCommandEntry
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        // The defaults before any socket exists: the sockets layer reads its settings once, when its first engine starts.
        // load prints its own usage (its parser knows --help), so none is passed here.
        return CommandDispatch.LoadingCommandAsync("load", null, args, output, error, token => LoadCommand.RunAsync(args, output, error, token));
    }
}
