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
    /// <summary>The tool's root command.</summary>
    public static System.CommandLine.RootCommand Root { get; } = CliTool.Root(
        "perfsuite",
        "PerfSuite: load tests for a .NET team's services, with budgets as the gate",
        [LoadCommand.Create(), RunCommand.Create(), CompareCommand.Create(), Merge.MergeCommand.Create()]);

    /// <summary>Runs the command named by <paramref name="args"/>[0].</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Standard output: machine-readable results.</param>
    /// <param name="error">Standard error: progress, summaries, errors.</param>
    /// <returns>The process exit code (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) => CliTool.RunAsync(Root, args, output, error);
}
