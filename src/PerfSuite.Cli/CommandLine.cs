using PerfSuite.Cli.Compare;
using PerfSuite.Cli.Load;

namespace PerfSuite.Cli;

/// <summary>
/// The <c>perfsuite</c> command line: one subcommand per front end over the engine. Every subcommand answers
/// <c>--help</c>; an unknown subcommand or a bad argument exits with <see cref="InvalidArguments"/> and names it.
/// Progress and human-readable lines go to standard error, machine-readable results to standard output.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code for a bad subcommand or argument; nothing was sent.</summary>
    public const int InvalidArguments = 2;

    /// <summary>The overview printed by <c>perfsuite --help</c>.</summary>
    public const string Overview =
        """
        usage: perfsuite COMMAND [ARGS]

        commands:
          load              fixed-rate (open model) or closed-loop load of one URL on this machine; JSON result on stdout
          run               run an Artillery script as it is: Artillery-style summary, four reports, budget from ensure
          compare           did this change make my service slower? your scenarios against a baseline and a candidate in paired rounds; exit 1 on a regression

        'perfsuite COMMAND --help' describes a command.
        """;

    private static readonly Dictionary<string, CommandDispatch.Command> Commands = new(StringComparer.Ordinal)
    {
        ["load"] = LoadCommandEntry.RunAsync,
        ["run"] = (args, output, error) => CommandDispatch.LoadingCommandAsync("run", null, args, output, error, token => Run.RunCommand.RunAsync(args, output, error, token)),
        ["compare"] = (args, output, error) => CommandDispatch.LoadingCommandAsync("compare", CompareCommandParser.Usage, args, output, error,
            token => CompareCommand.RunAsync(args, Environment.GetEnvironmentVariable, output, error, token)),
    };

    /// <summary>Runs the subcommand named by <paramref name="args"/>[0].</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Standard output: machine-readable results.</param>
    /// <param name="error">Standard error: progress, summaries, errors and usage.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        return await CommandDispatch.RunAsync("perfsuite", Overview, Commands, args, output, error).ConfigureAwait(false);
    }

    /// <summary>True when the arguments ask for help (<c>--help</c>, <c>-h</c>).</summary>
    /// <param name="args">A subcommand's arguments.</param>
    /// <returns>Whether to print the usage and exit 0.</returns>
    public static bool WantsHelp(IReadOnlyList<string> args) => args is not null && args.Any(a => a is "--help" or "-h");
}
