using PerfSuite.Cli;
using PerfSuite.Lab.Compare;
using PerfSuite.Lab.Sampler;
using PerfSuite.Lab.Serve;
using PerfSuite.Lab.SocketIo;

namespace PerfSuite.Lab;

/// <summary>
/// <c>perfsuite-lab</c>: this repository's own commands around its reference API, which the product tool does not carry.
/// It runs on the tool's command line (<see cref="CliTool"/>): the same help, version, response files and exit codes.
/// </summary>
internal static class LabCommandLine
{
    /// <summary>The lab's root command.</summary>
    public static System.CommandLine.RootCommand Root { get; } = CliTool.Root(
        "perfsuite-lab",
        "PerfSuite's lab: this repository's commands around its reference API",
        [ServeCommand.Create(), SocketIoConnectComparison.Create(), SocketIoHoldCommand.Create(), CompareCommand.Create(), SamplerComparisonCommand.Create()]);

    /// <summary>Runs the subcommand named by <paramref name="args"/>[0].</summary>
    /// <returns>The process exit code (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) => CliTool.RunAsync(Root, args, output, error);
}
