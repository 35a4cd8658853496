using PerfSuite.Hosting.Comparison;

namespace PerfSuite.Cli.Compare;

/// <summary>
/// The validated arguments of <c>perfsuite compare</c>: a team's scenarios (its test or scenario assembly), a baseline and a
/// candidate (each a running server's URL or a local image), and how the paired rounds run.
/// </summary>
/// <param name="Assembly">Path of the assembly holding the scenarios (<c>ILoadScenario</c> classes).</param>
internal sealed record CompareArguments(string Assembly)
{
    /// <summary>Default arrivals per second of every round.</summary>
    public const double DefaultRate = 10;

    /// <summary>The baseline server's URL; <c>null</c> when <see cref="BaselineImage"/> is given.</summary>
    public Uri? Baseline { get; init; }

    /// <summary>The baseline image; <c>null</c> when <see cref="Baseline"/> is given.</summary>
    public string? BaselineImage { get; init; }

    /// <summary>The candidate server's URL; <c>null</c> when <see cref="CandidateImage"/> is given.</summary>
    public Uri? Candidate { get; init; }

    /// <summary>The candidate image; <c>null</c> when <see cref="Candidate"/> is given.</summary>
    public string? CandidateImage { get; init; }

    /// <summary>Scenario ids or names to compare; empty for every scenario of the assembly.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>Arrivals per second of every round.</summary>
    public double Rate { get; init; } = DefaultRate;

    /// <summary>Paired rounds, &gt;= 3.</summary>
    public int Rounds { get; init; } = ComparisonOptions.DefaultRounds;

    /// <summary>Measured length of one side's round, after a 1 s warm-up.</summary>
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromSeconds(ComparisonOptions.DefaultRoundSeconds);

    /// <summary>Duet (default) or ABBA.</summary>
    public CompareMode Mode { get; init; } = CompareMode.Duet;

    /// <summary>A budgets file whose <c>compare_tolerance</c> entries (at <see cref="Profile"/>) set each scenario's tolerance; <c>null</c> for ±10 %.</summary>
    public string? Budgets { get; init; }

    /// <summary>The budgets file's profile to read tolerances from.</summary>
    public string Profile { get; init; } = "smoke";

    /// <summary>Where the reports go (a folder per scenario); <c>null</c> for <c>artifacts/compare/&lt;run-id&gt;</c> in the current folder.</summary>
    public string? Output { get; init; }

    /// <summary>Seed of the load's random choices and of the bootstrap.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether URLs off this machine are allowed (<c>--allow-remote</c> or <c>PERF_ALLOW_REMOTE=1</c>).</summary>
    public bool AllowRemote { get; init; }
}
