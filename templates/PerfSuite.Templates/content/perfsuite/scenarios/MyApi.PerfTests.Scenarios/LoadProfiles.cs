using PerfSuite.Engine.Load;

namespace MyApi.PerfTests.Scenarios;

/// <summary>The load profiles, picked with <c>PERF_PROFILES</c> (default <c>smoke</c>).</summary>
public static class LoadProfiles
{
    /// <summary>Every profile name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["smoke", "load"];

    /// <summary>The profile named <paramref name="name"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The profile.</returns>
    public static LoadTestProfile Get(string name) => name switch
    {
        // A few seconds per scenario: a check on every pull request.
        "smoke" => new LoadTestProfile(name, new LoadProfile(name,
        [
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(1), 2) { WarmUp = true },
            new ArrivalPhase("steady", TimeSpan.FromSeconds(5), 5) { MaxVusers = 20 },
        ]))
        {
            GracefulStop = TimeSpan.FromSeconds(10),
        },
        // Ramp to 50 arrivals/s over 30 s, then hold 60 s, at most 200 users at once.
        "load" => new LoadTestProfile(name, new LoadProfile(name,
        [
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(3), 1) { WarmUp = true },
            new ArrivalPhase("ramp", TimeSpan.FromSeconds(30), 10) { RampTo = 50, MaxVusers = 200 },
            new ArrivalPhase("sustain", TimeSpan.FromSeconds(60), 50) { MaxVusers = 200 },
        ])),
        _ => throw new ArgumentException($"Unknown load profile '{name}'; valid profiles: {string.Join(", ", Names)}.", nameof(name)),
    };
}
