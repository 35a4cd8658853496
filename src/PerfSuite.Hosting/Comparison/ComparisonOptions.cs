using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Hosting.Comparison;

/// <summary>What one comparison runs: a scenario (or mix) at a profile, in paired rounds, and how it is judged.</summary>
/// <param name="Name">Scenario or mix name, as in the reports.</param>
/// <param name="Scenarios">The flows.</param>
/// <param name="Profile">The profile; each round holds its sustained arrival rate (or <see cref="Rate"/>).</param>
public sealed record ComparisonOptions(string Name, IReadOnlyList<Scenario> Scenarios, LoadTestProfile Profile)
{
    /// <summary>Default paired rounds.</summary>
    public const int DefaultRounds = 6;

    /// <summary>Default measured seconds per side and round.</summary>
    public const int DefaultRoundSeconds = 6;

    /// <summary>Paired rounds, &gt;= 3 (default <see cref="DefaultRounds"/>).</summary>
    public int Rounds { get; init; } = DefaultRounds;

    /// <summary>Measured length of one side's round, after a 1 s warm-up (default <see cref="DefaultRoundSeconds"/> s).</summary>
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromSeconds(DefaultRoundSeconds);

    /// <summary>Arrivals per second of every round; <c>null</c> for the profile's sustained rate.</summary>
    public double? Rate { get; init; }

    /// <summary>Duet (both servers at once, the default) or ABBA.</summary>
    public CompareMode Mode { get; init; } = CompareMode.Duet;

    /// <summary>Seed of the load's random choices and of the bootstrap.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>What counts as a regression (default ±10 % on latency).</summary>
    public ComparisonTolerance Tolerance { get; init; } = ComparisonTolerance.Default;

    /// <summary>The baseline's label in the reports, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public string BaselineLabel { get; init; } = "baseline";

    /// <summary>The candidate's label in the reports.</summary>
    public string CandidateLabel { get; init; } = "candidate";

    /// <summary>Every problem with the options, one sentence each; empty when they are valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Rounds < 3)
        {
            problems.Add($"rounds must be >= 3 (was {Rounds})");
        }

        if (RoundLength <= TimeSpan.Zero)
        {
            problems.Add($"round length must be positive (was {RoundLength})");
        }

        if (Rate is <= 0)
        {
            problems.Add($"rate must be positive (was {Rate})");
        }

        if (CompareRounds.RoundProfile(Profile, RoundLength, Rate) is null)
        {
            problems.Add($"profile '{Profile.Name}' does not end in an arrival-rate phase; rounds need one");
        }

        return problems;
    }
}
