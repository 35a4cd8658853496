using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Load;

/// <summary>
/// A load profile as a test suite selects it by name (e.g. with <c>PERF_PROFILES=smoke</c>): the engine's phases plus
/// the run settings that belong to the profile rather than to the scenario.
/// </summary>
/// <param name="Name">Profile name, e.g. <c>smoke</c>; also the budget's profile key and the report folder suffix.</param>
/// <param name="Load">The phases; <see cref="LoadProfile.Name"/> should equal <paramref name="Name"/>.</param>
/// <param name="ThinkTimeScale">Multiplier of every think time (&gt;= 0), e.g. 0.2 to fit a CI run on 2 cores; 1 = as written.</param>
public sealed record LoadTestProfile(string Name, LoadProfile Load, double ThinkTimeScale = 1.0)
{
    /// <summary>How long in-flight users may finish after the last phase before they count as timeouts; default 30 s.</summary>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {string.Join(", ", Load.Phases.Select(p => p.Describe()))}; think × {ThinkTimeScale}";
}
