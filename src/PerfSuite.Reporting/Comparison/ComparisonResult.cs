namespace PerfSuite.Reporting.Comparison;

/// <summary>A finished comparison: what was compared, how, and the verdict of every scope and metric.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Profile">Load profile name.</param>
/// <param name="Baseline">What the baseline was (a git ref and commit, an image, or a stored report).</param>
/// <param name="Candidate">What the candidate was.</param>
/// <param name="Method">How the rounds ran, e.g. <c>6 ABBA rounds of 6 s</c>, or <c>one run against a stored baseline</c>.</param>
/// <param name="Rounds">Paired rounds (1 against a stored baseline).</param>
/// <param name="Tolerance">The tolerance applied.</param>
/// <param name="Elapsed">Wall-clock time of the whole comparison so far (start of servers to the verdict).</param>
/// <param name="Scopes">The scenario first, then each endpoint in name order.</param>
/// <param name="Notes">What a reviewer should know (one stored baseline, a generator-bound round, …).</param>
public sealed record ComparisonResult(
    string Scenario, string Profile, string Baseline, string Candidate, string Method, int Rounds, ComparisonTolerance Tolerance,
    TimeSpan Elapsed, IReadOnlyList<ScopeComparison> Scopes, IReadOnlyList<string> Notes)
{
    /// <summary>One line: <c>No regression</c>, or the count and each regressed scope, metric and change.</summary>
    public string Headline => ComparisonFormat.Headline(this);

    /// <summary>True when any metric of any scope regressed: the exit code is then 1.</summary>
    public bool HasRegression => Regressions.Any();

    /// <summary>Every regressed metric with its scope.</summary>
    public IEnumerable<(ScopeComparison Scope, MetricComparison Metric)> Regressions =>
        Scopes.SelectMany(s => s.Regressions.Select(m => (s, m)));

    /// <summary>
    /// Compares paired rounds: the whole scenario, then every endpoint either side reached.
    /// </summary>
    /// <param name="baseline">Baseline figures per round (one entry: a stored run, no interval).</param>
    /// <param name="candidate">Candidate figures per round.</param>
    /// <param name="describe">Everything but the scopes: the comparison with empty <see cref="Scopes"/>.</param>
    /// <param name="seed">Bootstrap seed.</param>
    /// <returns><paramref name="describe"/> with its scopes.</returns>
    public static ComparisonResult Create(IReadOnlyList<RunFigures> baseline, IReadOnlyList<RunFigures> candidate, ComparisonResult describe, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(describe);
        var tolerance = describe.Tolerance;
        var scopes = new List<ScopeComparison>
        {
            ComparisonStatistics.Compare(describe.Scenario, true, [.. baseline.Select(r => r.Overall)], [.. candidate.Select(r => r.Overall)], tolerance, seed: seed),
        };
        var endpoints = baseline.Concat(candidate).SelectMany(r => r.Endpoints.Keys).Distinct().Order(StringComparer.Ordinal);
        scopes.AddRange(endpoints.Select(e =>
            ComparisonStatistics.Compare(e, false, [.. baseline.Select(r => r.Endpoint(e))], [.. candidate.Select(r => r.Endpoint(e))], tolerance, seed: seed)));
        return describe with { Scopes = scopes };
    }
}
