using PerfSuite.Cli;
using PerfSuite.Lab.Compare;
using PerfSuite.Lab.Serve;
using PerfSuite.Lab.SocketIo;

namespace PerfSuite.Lab;

/// <summary>
/// <c>perfsuite-lab</c>: this repository's own commands around its reference API, which the product tool does not carry.
/// Every subcommand answers <c>--help</c>; an unknown one exits with <see cref="CommandLine.InvalidArguments"/>.
/// </summary>
public static class LabCommandLine
{
    /// <summary>The overview printed by <c>perfsuite-lab --help</c>.</summary>
    public const string Overview =
        """
        usage: perfsuite-lab COMMAND [ARGS]

        commands:
          serve             run the embedded reference API on a loopback port until Ctrl+C
          socketio-connect  connect latency of Socket.IO clients against the reference API (or a loopback URL)
          socketio-hold     memory per held Socket.IO connection (engine client, N connections held); JSON result on stdout
          compare           did this change make the reference API slower? a git ref vs the working tree in paired rounds; exit 1 on a regression

        'perfsuite-lab COMMAND --help' describes a command.
        """;

    private static readonly Dictionary<string, CommandDispatch.Command> Commands = new(StringComparer.Ordinal)
    {
        ["compare"] = (args, output, error) => CommandDispatch.LoadingCommandAsync("compare", CompareCommandParser.Usage, args, output, error,
            token => CompareCommand.RunAsync(args, Environment.GetEnvironmentVariable("PERF_BASELINE"), CompareServers.Default, output, error, token)),
        ["socketio-connect"] = SocketIoConnectComparison.RunAsync,
        ["socketio-hold"] = SocketIoHoldCommand.RunAsync,
        ["serve"] = ServeCommand.RunAsync,
    };

    /// <summary>Runs the subcommand named by <paramref name="args"/>[0].</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Standard output: machine-readable results.</param>
    /// <param name="error">Standard error: progress, summaries, errors and usage.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        return await CommandDispatch.RunAsync("perfsuite-lab", Overview, Commands, args, output, error).ConfigureAwait(false);
    }
}
