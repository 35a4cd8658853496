using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PerfSuite.Benchmarks.Support;

/// <summary>
/// Short runs (3 warm-up + 3 measured iterations) in-process: the machine is a shared 2-core box, so a run must be
/// quick and must not build a project per benchmark. Allocation figures come from the memory diagnoser.
/// </summary>
public sealed class FastConfig : ManualConfig
{
    public FastConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
