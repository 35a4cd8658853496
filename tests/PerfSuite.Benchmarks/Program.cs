using BenchmarkDotNet.Running;
using PerfSuite.Benchmarks.SocketIo;

namespace PerfSuite.Benchmarks;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "socketio-connect")
        {
            return await SocketIoConnectComparison.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
