using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Lab.Compare;

/// <summary>A comparison whose every input has been checked: nothing in it can be a bad input any more.</summary>
/// <param name="Arguments">The parsed arguments.</param>
/// <param name="Repository">The repository root (the candidate's working tree), or <c>null</c> when neither side needs it.</param>
/// <param name="Scenario">The catalog entry.</param>
/// <param name="Profile">The profile.</param>
/// <param name="Tolerance">From budgets.json's <c>compare_tolerance</c>, or the default.</param>
/// <param name="BaseCommit">The baseline commit when <c>--base-ref</c> was given.</param>
/// <param name="Stored">The stored baseline when <c>--baseline-report</c>/<c>PERF_BASELINE</c> was given.</param>
/// <param name="Output">The reports folder.</param>
internal sealed record ComparePlan(
    CompareArguments Arguments, string? Repository, ILoadScenario Scenario, LoadTestProfile Profile, ComparisonTolerance Tolerance,
    string? BaseCommit, StoredBaseline? Stored, string Output)
{
    public string CandidateSources => Path.Combine(Repository!, "targets", "queue-api");

    public string CandidateLabel => Arguments.CandidateImage is { } image ? $"image {image}" : $"working tree {CandidateSources}";

    public string BaselineLabel => Stored is { } s ? $"stored report {s.Path}"
        : Arguments.BaselineImage is { } image ? $"image {image}"
        : $"{Arguments.BaseRef} ({BaseCommit![..12]})";
}
