using System.CommandLine;
using PerfSuite.Cli.Compare;
using PerfSuite.Cli.Load;
using PerfSuite.Cli.Run;

namespace PerfSuite.Cli;

/// <summary>
/// The <c>perfsuite</c> command line: one command per front end over the engine, each declared once (its options with it).
/// Progress and human-readable lines go to standard error, machine-readable results to standard output; exit codes are
/// <see cref="ExitCodes"/>. A new command is one <c>XCommand.Create()</c> in <see cref="Root"/>.
/// </summary>
internal static class CommandLine
{
    private const string Tool = "perfsuite";
    private const string Description = "PerfSuite: load tests for a .NET team's services, with budgets as the gate";

    // Each command with its options is built only when needed: a run of one command (the usual case) builds that one alone,
    // which keeps the other commands' options out of the start-up.
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("load", LoadCommand.Create), ("run", RunCommand.Create), ("compare", CompareCommand.Create), ("merge", Merge.MergeCommand.Create),
    ];

    private static readonly Lazy<RootCommand> Whole = new(() => CliTool.Root(Tool, Description, Commands.Select(c => c.Create())));

    // One root per command, built once (the commands' options are static and shared: built once each, they get each parent once).
    private static readonly Lazy<RootCommand>[] Single = [.. Commands.Select(c => new Lazy<RootCommand>(() => CliTool.Root(Tool, Description, [c.Create()])))];

    /// <summary>The tool's root command with every command.</summary>
    public static RootCommand Root => Whole.Value;

    /// <summary>Runs the command named by <paramref name="args"/>[0].</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Standard output: machine-readable results.</param>
    /// <param name="error">Standard error: progress, summaries, errors.</param>
    /// <returns>The process exit code (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) => CliTool.RunAsync(For(args), args, output, error);

    /// <summary>
    /// The root to parse <paramref name="args"/> with: when the first argument names a command, a root with that command
    /// alone (its parse, help and errors are the same as in the whole root's); otherwise (no command, an unknown one, a
    /// response file, a directive, the root's help) the whole root.
    /// </summary>
    internal static RootCommand For(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < Commands.Length; i++)
        {
            if (args.Count > 0 && string.Equals(args[0], Commands[i].Name, StringComparison.Ordinal))
            {
                return Single[i].Value;
            }
        }

        return Root;
    }
}
