using System.Diagnostics;
using System.Globalization;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Hosting.Comparison;

/// <summary>
/// Compares a candidate server with a baseline (both started) in paired rounds, or with a stored run, and writes
/// <c>compare.md</c>, <c>compare.html</c> and <c>compare.json</c>. Used by every front end: the xUnit fixture
/// (<c>PERF_COMPARE_BASELINE</c>), <c>perfsuite compare</c> and this repository's reference-API comparison.
/// </summary>
public static class ComparisonRunner
{
    /// <summary>Runs the rounds, judges them and writes the reports.</summary>
    /// <param name="options">What to run and how to judge it.</param>
    /// <param name="baseline">The baseline side; <c>null</c> with <paramref name="stored"/>.</param>
    /// <param name="candidate">The candidate side.</param>
    /// <param name="stored">A stored baseline run (the candidate then runs the whole profile once); <c>null</c> for rounds.</param>
    /// <param name="outputDirectory">Where the reports go.</param>
    /// <param name="log">Receives one line per round.</param>
    /// <param name="cancellationToken">Cancels the comparison.</param>
    /// <returns>The result and the reports' paths.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or neither a baseline side nor a stored run is given.</exception>
    public static async Task<(ComparisonResult Result, IReadOnlyList<string> Reports)> RunAsync(
        ComparisonOptions options, CompareRounds.Side? baseline, CompareRounds.Side candidate, StoredBaseline? stored, string outputDirectory,
        Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid comparison: " + string.Join("; ", problems), nameof(options));
        }

        if (baseline is null == stored is null)
        {
            throw new ArgumentException("A comparison needs exactly one baseline: a started server or a stored run.", nameof(baseline));
        }

        var clock = Stopwatch.StartNew();
        var (baselineRounds, candidateRounds, method) = await MeasureAsync(options, baseline, candidate, log, cancellationToken).ConfigureAwait(false);
        var notes = Notes(stored, baselineRounds, candidateRounds);
        var describe = new ComparisonResult(options.Name, options.Profile.Name, options.BaselineLabel, options.CandidateLabel, method,
            candidateRounds.Count, options.Tolerance, clock.Elapsed, [], notes);
        var baselineFigures = stored is not null ? [stored.Figures] : baselineRounds.Select(RunFigures.FromSummary).ToList();
        var result = ComparisonResult.Create(baselineFigures, [.. candidateRounds.Select(RunFigures.FromSummary)], describe, options.Seed);
        var paths = await ComparisonReports.WriteAsync(result, outputDirectory, cancellationToken).ConfigureAwait(false);
        return (result, paths);
    }

    private static async Task<(IReadOnlyList<RunSummary> Baseline, IReadOnlyList<RunSummary> Candidate, string Method)> MeasureAsync(
        ComparisonOptions options, CompareRounds.Side? baseline, CompareRounds.Side candidate, Action<string> log, CancellationToken cancellationToken)
    {
        var profile = options.Profile;
        if (baseline is null)
        {
            var whole = new CompareRounds(options.Scenarios, profile.Load, profile.ThinkTimeScale, profile.GracefulStop, options.Seed);
            log($"compare: one candidate run of {profile} against the stored baseline");
            var run = await whole.RunAsync(candidate, 0, cancellationToken).ConfigureAwait(false);
            return ([], [run], $"one run of the whole profile against one stored run ({profile})");
        }

        var roundProfile = CompareRounds.RoundProfile(profile, options.RoundLength, options.Rate)!;
        var rounds = new CompareRounds(options.Scenarios, roundProfile, profile.ThinkTimeScale, profile.GracefulStop, options.Seed);
        var rate = roundProfile.Phases[^1] is Engine.Load.ArrivalPhase phase ? phase.ArrivalRate : 0;
        var method = string.Create(CultureInfo.InvariantCulture,
            $"{options.Rounds} {(options.Mode == CompareMode.Duet ? "duet rounds (both servers at once)" : "ABBA rounds")} of {options.RoundLength.TotalSeconds:0.#} s per server " +
            $"at {rate:0.#} arrivals/s after a 1 s warm-up, think × {profile.ThinkTimeScale}");
        log($"compare: {method}");
        var (a, b) = await rounds.RunAsync(baseline, candidate, options.Rounds, options.Mode, log, cancellationToken).ConfigureAwait(false);
        return (a, b, method);
    }

    private static List<string> Notes(StoredBaseline? stored, IReadOnlyList<RunSummary> baseline, IReadOnlyList<RunSummary> candidate)
    {
        var notes = new List<string>();
        if (stored is not null)
        {
            notes.Add("The baseline is one stored run: its spread is unknown, so the verdicts are point estimates without a confidence interval, and noise between runs can pass for a change.");
        }

        var bound = baseline.Concat(candidate).Where(s => s.Generator.GeneratorBound).ToList();
        if (bound.Count > 0)
        {
            notes.Add($"{bound.Count} round(s) were generator-bound ({string.Join("; ", bound.SelectMany(s => s.Generator.Reasons).Distinct())}): the machine was busy; latencies may include the generator's own delay.");
        }

        var skipped = baseline.Concat(candidate).Sum(s => s.SkippedArrivals);
        if (skipped > 0)
        {
            notes.Add($"{skipped} arrivals were skipped at the concurrency cap.");
        }

        return notes;
    }
}
