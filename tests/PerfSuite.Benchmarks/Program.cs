using BenchmarkDotNet.Running;
using PerfSuite.Benchmarks.Cli;
using PerfSuite.Benchmarks.SocketIo;

namespace PerfSuite.Benchmarks;

/// <summary>
/// A small dispatcher: a known subcommand runs its command (one line each below); anything else goes to
/// BenchmarkDotNet's switcher (e.g. <c>--filter *Recording*</c>, <c>--list flat</c>).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "load" => await LoadCommandEntry.RunAsync(args[1..]),
        "socketio-connect" => await SocketIoConnectComparison.RunAsync(args[1..]),
        _ => RunBenchmarks(args),
    };

    private static int RunBenchmarks(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
