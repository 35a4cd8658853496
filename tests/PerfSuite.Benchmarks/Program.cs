using BenchmarkDotNet.Running;

namespace PerfSuite.Benchmarks;

/// <summary>BenchmarkDotNet's switcher (e.g. <c>--filter *Recording*</c>, <c>--list flat</c>). The load and Socket.IO connect commands live in the <c>perfsuite</c> tool.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
