using System.Globalization;

namespace PerfSuite.Reporting.Comparison;

/// <summary>
/// The noise-aware verdict (docs/compare.md). Point estimates pool every round of a side (exact percentiles of the
/// merged latencies). The spread comes from a paired cluster bootstrap over rounds: each resample draws round indices
/// with replacement, keeps the baseline and candidate of a drawn round together (so drift that hit both alike cancels),
/// pools the drawn rounds of each side once (<see cref="RoundPool"/>) and takes the candidate/baseline ratio (difference for the error rate). With a
/// handful of rounds a plain percentile interval is too narrow, so the 95 % interval is
/// <c>estimate ± t(n−1) · SE · √(n/(n−1))</c>, with SE the bootstrap standard error, on the log scale for ratios
/// (a small-sample bootstrap-t). Deterministic for a given seed.
/// </summary>
public static class ComparisonStatistics
{
    /// <summary>Bootstrap resamples per comparison.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Latencies that must lie above a percentile, on each side, before it is judged (p95 needs 100 latencies, p99 500).</summary>
    public const int MinimumTailSamples = 5;

    /// <summary>Compares one scope over paired rounds.</summary>
    /// <param name="name">Scenario or endpoint name.</param>
    /// <param name="isScenario">True for the whole scenario.</param>
    /// <param name="baseline">Baseline figures per round. One entry (a stored run) gives point estimates without an interval.</param>
    /// <param name="candidate">Candidate figures per round; with several baseline rounds, round <c>i</c> is paired with baseline round <c>i</c>.</param>
    /// <param name="tolerance">How far a metric may move.</param>
    /// <param name="resamples">Bootstrap resamples (&gt;= 100).</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <returns>One comparison per metric.</returns>
    /// <exception cref="ArgumentException">No round, or several baseline rounds not paired one to one with candidate rounds.</exception>
    public static ScopeComparison Compare(
        string name, bool isScenario, IReadOnlyList<RoundFigures> baseline, IReadOnlyList<RoundFigures> candidate,
        ComparisonTolerance tolerance, int resamples = DefaultResamples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(tolerance);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        if (baseline.Count == 0 || candidate.Count == 0)
        {
            throw new ArgumentException($"scope '{name}': each side needs at least one round (baseline {baseline.Count}, candidate {candidate.Count})");
        }

        var paired = baseline.Count > 1;
        if (paired && baseline.Count != candidate.Count)
        {
            throw new ArgumentException($"scope '{name}': paired rounds need as many baseline as candidate rounds (baseline {baseline.Count}, candidate {candidate.Count})");
        }

        var all = Enumerable.Range(0, candidate.Count).ToArray();
        var baselineAll = paired ? all : [0];
        var (baselineRounds, candidateRounds) = (new RoundPool(baseline), new RoundPool(candidate));
        var (a, b) = (baselineRounds.Values(baselineAll), candidateRounds.Values(all));

        // Each resample pools its drawn rounds once per side; every metric is read from those two pools.
        var resampled = paired ? Resample(candidate.Count, resamples, seed).Select(d => (Baseline: baselineRounds.Values(d), Candidate: candidateRounds.Values(d))).ToList() : [];
        var (pooledBaseline, pooledCandidate) = (Pool(baseline), Pool(candidate));
        var anyFailure = Failures(baseline, candidate);
        var metrics = Enum.GetValues<ComparisonMetric>().Select(metric =>
        {
            var m = (int)metric;
            var estimate = Effect(metric, a[m], b[m]);
            double? low = null, high = null;
            if (paired)
            {
                (low, high) = Interval(metric, estimate, [.. resampled.Select(r => Effect(metric, r.Baseline[m], r.Candidate[m]))], candidate.Count);
            }

            return Judge(metric, a[m], b[m], estimate, low, high, tolerance.For(metric), pooledBaseline.Latency.TotalCount, pooledCandidate.Latency.TotalCount, paired, anyFailure);
        }).ToList();
        return new ScopeComparison(name, isScenario, metrics, pooledBaseline.Latency, pooledCandidate.Latency);
    }

    /// <summary>The verdict on one metric from its estimate and interval (pure; see <see cref="Compare"/>).</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="estimate">Ratio (difference for the error rate).</param>
    /// <param name="low">Interval low bound, or <c>null</c> without an interval.</param>
    /// <param name="high">Interval high bound, or <c>null</c> without an interval.</param>
    /// <param name="tolerance">Fraction (absolute difference for the error rate).</param>
    /// <returns>The verdict, judged on the estimate alone when there is no interval.</returns>
    public static ComparisonVerdict Verdict(ComparisonMetric metric, double estimate, double? low, double? high, double tolerance)
    {
        var center = metric == ComparisonMetric.ErrorRate ? 0 : 1;
        var (lo, hi) = (low ?? estimate, high ?? estimate);
        var above = lo > center + tolerance;
        var below = hi < center - tolerance;
        var higherIsWorse = metric != ComparisonMetric.Throughput;
        return (above, below) switch
        {
            (true, _) => higherIsWorse ? ComparisonVerdict.Regression : ComparisonVerdict.Improvement,
            (_, true) => higherIsWorse ? ComparisonVerdict.Improvement : ComparisonVerdict.Regression,
            _ when lo >= center - tolerance && hi <= center + tolerance => ComparisonVerdict.NoChange,
            _ => ComparisonVerdict.Inconclusive,
        };
    }

    private static MetricComparison Judge(
        ComparisonMetric metric, double a, double b, double estimate, double? low, double? high, double tolerance, long baselineCount, long candidateCount,
        bool paired, bool anyFailure)
    {
        var tol = metric == ComparisonMetric.ErrorRate
            ? (tolerance * 100).ToString("0.##", CultureInfo.InvariantCulture) + " pp"
            : (tolerance * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
        if (metric == ComparisonMetric.ErrorRate && !anyFailure)
        {
            return new(metric, a, b, 0, paired ? 0 : null, paired ? 0 : null, tolerance, ComparisonVerdict.NoChange, "no failed request on either side");
        }

        if (Percentile(metric) is { } p && Math.Min(baselineCount, candidateCount) * (1 - (p / 100)) < MinimumTailSamples)
        {
            var needed = (long)Math.Ceiling(MinimumTailSamples / (1 - (p / 100)));
            return new(metric, a, b, estimate, low, high, tolerance, ComparisonVerdict.Inconclusive,
                $"too few latencies to judge p{p:0}: {baselineCount} baseline, {candidateCount} candidate (needs {needed} a side); more or longer rounds");
        }

        if (!double.IsFinite(estimate))
        {
            return new(metric, a, b, estimate, low, high, tolerance, ComparisonVerdict.Inconclusive, "undefined: one side has no data");
        }

        var verdict = Verdict(metric, estimate, low, high, tolerance);
        var interval = low is { } l && high is { } h ? $"95 % interval [{Format(metric, l)}, {Format(metric, h)}]" : "point estimate " + Format(metric, estimate);
        var reason = verdict switch
        {
            ComparisonVerdict.Regression => $"{interval} entirely on the worse side of ±{tol}",
            ComparisonVerdict.Improvement => $"{interval} entirely on the better side of ±{tol}",
            ComparisonVerdict.NoChange => $"{interval} within ±{tol}",
            _ => $"{interval} reaches past ±{tol}: too noisy to say; more or longer rounds narrow it",
        };
        return new(metric, a, b, estimate, low, high, tolerance, verdict,
            paired ? reason : reason + "; spread unknown from one stored baseline run, so this is a point estimate without an interval");
    }

    private static double? Percentile(ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.P50 => 50,
        ComparisonMetric.P95 => 95,
        ComparisonMetric.P99 => 99,
        _ => null,
    };

    private static double Effect(ComparisonMetric metric, double baseline, double candidate) =>
        metric == ComparisonMetric.ErrorRate ? candidate - baseline : candidate / baseline;

    private static RoundFigures Pool(IReadOnlyList<RoundFigures> rounds) =>
        new(LatencySample.Merge(rounds.Select(r => r.Latency)), rounds.Sum(r => r.Requests), rounds.Sum(r => r.FailedRequests), rounds.Sum(r => r.Seconds));

    private static bool Failures(IReadOnlyList<RoundFigures> baseline, IReadOnlyList<RoundFigures> candidate) =>
        baseline.Concat(candidate).Any(r => r.FailedRequests > 0);

    private static List<int[]> Resample(int rounds, int resamples, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, resamples).Select(_ => Enumerable.Range(0, rounds).Select(_ => random.Next(rounds)).ToArray())];
    }

    private static (double? Low, double? High) Interval(ComparisonMetric metric, double estimate, IReadOnlyList<double> effects, int rounds)
    {
        var ratio = metric != ComparisonMetric.ErrorRate;
        var values = effects.Where(e => double.IsFinite(e) && (!ratio || e > 0)).Select(e => ratio ? Math.Log(e) : e).ToList();
        if (values.Count < 2 || !double.IsFinite(estimate) || (ratio && estimate <= 0))
        {
            return (null, null);
        }

        var mean = values.Average();
        var standardError = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        var half = StudentT975(rounds - 1) * standardError * Math.Sqrt(rounds / (rounds - 1.0));
        var center = ratio ? Math.Log(estimate) : estimate;
        return ratio ? (Math.Exp(center - half), Math.Exp(center + half)) : (center - half, center + half);
    }

    /// <summary>The 97.5th percentile of Student's t with <paramref name="degreesOfFreedom"/> (&gt;= 1) degrees of freedom.</summary>
    /// <param name="degreesOfFreedom">Degrees of freedom.</param>
    public static double StudentT975(int degreesOfFreedom) => degreesOfFreedom switch
    {
        < 1 => throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "must be >= 1"),
        <= 30 => T975[degreesOfFreedom - 1],
        _ => 1.96 + (2.4 / degreesOfFreedom),
    };

    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>A ratio as a signed percent change (<c>+12.3 %</c>); an error-rate difference in percentage points.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="effect">Ratio, or difference for the error rate.</param>
    public static string Format(ComparisonMetric metric, double effect) =>
        metric == ComparisonMetric.ErrorRate
            ? (effect * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " pp"
            : ((effect - 1) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
}
