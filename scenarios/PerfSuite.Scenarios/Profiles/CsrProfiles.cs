using PerfSuite.Engine.Load;

namespace PerfSuite.Scenarios.Profiles;

/// <summary>
/// The load profiles of the CSR suite. <c>smoke</c> is sized for CI on 2 cores (about 30 s per scenario);
/// <c>seed-load</c> is the users' Artillery plan; <c>stress</c> is the plan with twice the concurrency cap.
/// Each profile starts with a 3 s warm-up at 1 arrival/s whose samples are left out of the statistics.
/// </summary>
public static class CsrProfiles
{
    /// <summary>Name of the CI profile: warm-up 3 s at 1/s, ramp 10 s 1→5/s, sustain 15 s at 5/s, maxVusers 50, think × 0.2.</summary>
    public const string Smoke = "smoke";

    /// <summary>Name of the users' plan: warm-up 3 s at 1/s, ramp 30 s 10→50/s, sustain 60 s at 50/s, maxVusers from <c>PERF_MAX_VUSERS</c>.</summary>
    public const string SeedLoad = "seed-load";

    /// <summary>Name of the stress profile: as <see cref="SeedLoad"/> with maxVusers 400.</summary>
    public const string Stress = "stress";

    /// <summary>The default concurrency cap of <see cref="SeedLoad"/> when <c>PERF_MAX_VUSERS</c> is not set.</summary>
    public const int DefaultSeedLoadMaxVusers = 200;

    /// <summary>The concurrency cap of <see cref="Stress"/>.</summary>
    public const int StressMaxVusers = 400;

    /// <summary>Every profile name, in the order the suite runs them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Smoke, SeedLoad, Stress];

    /// <summary>The profile named <paramref name="name"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="seedLoadMaxVusers">Concurrency cap of <see cref="SeedLoad"/> (&gt;= 1); ignored by the others.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static LoadTestProfile Get(string name, int seedLoadMaxVusers = DefaultSeedLoadMaxVusers) => name switch
    {
        Smoke => new LoadTestProfile(Smoke, Open(Smoke, rampFrom: 1, rampTo: 5, ramp: 10, sustain: 15, maxVusers: 50), ThinkTimeScale: 0.2)
        {
            GracefulStop = TimeSpan.FromSeconds(15),
        },
        SeedLoad => new LoadTestProfile(SeedLoad, Open(SeedLoad, rampFrom: 10, rampTo: 50, ramp: 30, sustain: 60, maxVusers: seedLoadMaxVusers)),
        Stress => new LoadTestProfile(Stress, Open(Stress, rampFrom: 10, rampTo: 50, ramp: 30, sustain: 60, maxVusers: StressMaxVusers)),
        _ => throw new ArgumentException($"Unknown load profile '{name}'; valid profiles: {string.Join(", ", Names)}.", nameof(name)),
    };

    private static LoadProfile Open(string name, double rampFrom, double rampTo, int ramp, int sustain, int maxVusers) =>
        new(name,
        [
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(3), 1) { WarmUp = true, MaxVusers = maxVusers },
            new ArrivalPhase("ramp", TimeSpan.FromSeconds(ramp), rampFrom) { RampTo = rampTo, MaxVusers = maxVusers },
            new ArrivalPhase("sustain", TimeSpan.FromSeconds(sustain), rampTo) { MaxVusers = maxVusers },
        ]);
}
