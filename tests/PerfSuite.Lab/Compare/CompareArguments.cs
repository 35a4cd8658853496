using PerfSuite.Hosting.Comparison;

namespace PerfSuite.Lab.Compare;

/// <summary>
/// The validated arguments of <c>perfsuite-lab compare</c>. The baseline is exactly one of <see cref="BaseRef"/>,
/// <see cref="BaselineImage"/> or <see cref="BaselineReport"/>; the candidate is the working tree's
/// <c>targets/queue-api</c>, or <see cref="CandidateImage"/>.
/// </summary>
/// <param name="Scenario">Scenario id or name (default <c>csr-login-load-data-idle</c>).</param>
/// <param name="Profile">Profile name (default <c>smoke</c>); each round holds its sustained arrival rate.</param>
/// <param name="Rounds">Paired rounds, &gt;= 3.</param>
/// <param name="RoundLength">Measured length of one side's round, &gt; 0 (a 1 s warm-up precedes it).</param>
/// <param name="Mode">Duet (default) or ABBA.</param>
internal sealed record CompareArguments(string Scenario, string Profile, int Rounds, TimeSpan RoundLength, CompareMode Mode)
{
    /// <summary>Default scenario: the CSR login and data-load flow, short enough for a comparison of a few minutes.</summary>
    public const string DefaultScenario = "csr-login-load-data-idle";

    /// <summary>Default profile.</summary>
    public const string DefaultProfile = "smoke";

    /// <summary>Default paired rounds.</summary>
    public const int DefaultRounds = 6;

    /// <summary>Default measured seconds per side and round.</summary>
    public const int DefaultRoundSeconds = 6;

    /// <summary>Git ref of the baseline (its <c>targets/queue-api</c> runs from a temporary worktree); <c>null</c> otherwise.</summary>
    public string? BaseRef { get; init; }

    /// <summary>Container image of the baseline; <c>null</c> otherwise.</summary>
    public string? BaselineImage { get; init; }

    /// <summary>Container image of the candidate; <c>null</c> for the working tree.</summary>
    public string? CandidateImage { get; init; }

    /// <summary>Stored baseline: a <c>report.json</c> or a run folder (<c>--baseline-report</c> or <c>PERF_BASELINE</c>); <c>null</c> otherwise.</summary>
    public string? BaselineReport { get; init; }

    /// <summary>Arrivals per second of every round; <c>null</c> for the profile's sustained rate.</summary>
    public double? Rate { get; init; }

    /// <summary>The repository (its working tree is the candidate); <c>null</c> for the one holding the current folder.</summary>
    public string? Repository { get; init; }

    /// <summary>Where compare.md/html/json go; <c>null</c> for <c>artifacts/compare/&lt;run-id&gt;</c> in the repository.</summary>
    public string? Output { get; init; }

    /// <summary>The budgets file (for <c>compare_tolerance</c>); <c>null</c> for <c>scenarios/budgets.json</c> when present.</summary>
    public string? Budgets { get; init; }

    /// <summary>Seed of the load's random choices and of the bootstrap.</summary>
    public int Seed { get; init; } = 1;
}
