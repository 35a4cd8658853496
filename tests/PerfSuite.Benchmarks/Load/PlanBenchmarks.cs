using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Load;

namespace PerfSuite.Benchmarks.Load;

/// <summary>Planning the seed-load profile: 3 s at 1/s, 30 s ramping 10→50/s, 60 s at 50/s (3,903 arrivals).</summary>
[Config(typeof(FastConfig))]
public class PlanBenchmarks
{
    private readonly LoadProfile _seedLoad = new(
        "seed-load",
        [
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(3), 1) { WarmUp = true },
            new ArrivalPhase("ramp", TimeSpan.FromSeconds(30), 10) { RampTo = 50 },
            new ArrivalPhase("sustained", TimeSpan.FromSeconds(60), 50) { MaxVusers = 200 },
        ]);

    [Benchmark]
    public int Plan_the_seed_load_profile() => _seedLoad.Plan().Starts.Count;

    [Benchmark]
    public int Validate_the_seed_load_profile() => _seedLoad.Validate().Count;
}
