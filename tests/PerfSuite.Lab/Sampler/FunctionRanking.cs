using System.Text.RegularExpressions;
using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Lab.Sampler;

/// <summary>One function of a ranking: <c>name (file)</c>, the samples with it on the stack and their share of all samples.</summary>
/// <param name="Function">The function without its line number, e.g. <c>citizens (queue_api/routes.py)</c>.</param>
/// <param name="Samples">Samples with the function anywhere on the stack.</param>
/// <param name="Share">Those samples as a fraction of the profile's samples.</param>
internal sealed record RankedFunction(string Function, long Samples, double Share);

/// <summary>
/// The top "your code" functions of a profile by total samples (the function or what it called was running), with the
/// line numbers dropped: py-spy and the sampler name a frame by the line being run, and the question is which function.
/// </summary>
internal static partial class FunctionRanking
{
    [GeneratedRegex(@":\d+\)$")]
    private static partial Regex LineNumber();

    /// <summary>The <paramref name="top"/> functions of <paramref name="profile"/> that <paramref name="classifier"/> calls your code, most samples first (ties by name).</summary>
    public static IReadOnlyList<RankedFunction> Top(CollapsedStacks profile, CodeClassifier classifier, int top)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var stack in profile.Stacks)
        {
            var mine = stack.Frames
                .Where(f => !CollapsedStacks.IsProcessFrame(f) && classifier.Classify(f) == CodeKind.YourCode)
                .Select(f => LineNumber().Replace(f, ")"))
                .Distinct(StringComparer.Ordinal);
            foreach (var function in mine)
            {
                totals[function] = totals.GetValueOrDefault(function) + stack.Samples;
            }
        }

        var samples = Math.Max(1, profile.TotalSamples);
        return [.. totals.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top)
            .Select(p => new RankedFunction(p.Key, p.Value, (double)p.Value / samples))];
    }

    /// <summary>The functions both rankings hold, in <paramref name="a"/>'s order.</summary>
    public static IReadOnlyList<string> Common(IReadOnlyList<RankedFunction> a, IReadOnlyList<RankedFunction> b)
    {
        var inB = b.Select(f => f.Function).ToHashSet(StringComparer.Ordinal);
        return [.. a.Select(f => f.Function).Where(inB.Contains)];
    }

    /// <summary>
    /// Spearman's rho of the two orders over the common functions (each re-ranked 1..n among them): 1 is the same order,
    /// -1 the reverse; <c>null</c> with fewer than 2 common functions.
    /// </summary>
    public static double? Spearman(IReadOnlyList<RankedFunction> a, IReadOnlyList<RankedFunction> b)
    {
        var (ra, rb) = CommonRanks(a, b);
        var n = ra.Count;
        if (n < 2)
        {
            return null;
        }

        var squares = ra.Zip(rb, (x, y) => (double)(x - y) * (x - y)).Sum();
        return 1 - (6 * squares / (n * ((double)n * n - 1)));
    }

    /// <summary>Kendall's tau-a of the two orders over the common functions (concordant minus discordant pairs over all pairs); <c>null</c> with fewer than 2.</summary>
    public static double? Kendall(IReadOnlyList<RankedFunction> a, IReadOnlyList<RankedFunction> b)
    {
        var (ra, rb) = CommonRanks(a, b);
        var n = ra.Count;
        if (n < 2)
        {
            return null;
        }

        var score = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                score += Math.Sign(ra[i] - ra[j]) * Math.Sign(rb[i] - rb[j]);
            }
        }

        return score / (n * (n - 1) / 2.0);
    }

    private static (List<int> A, List<int> B) CommonRanks(IReadOnlyList<RankedFunction> a, IReadOnlyList<RankedFunction> b)
    {
        var common = Common(a, b);
        var orderB = Common(b, a).ToList();
        return ([.. Enumerable.Range(1, common.Count)], [.. common.Select(f => orderB.IndexOf(f) + 1)]);
    }
}
