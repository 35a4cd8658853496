using PerfSuite.Lab.Sampler;
using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Tests.Lab.Sampler;

/// <summary>The ranking of your-code functions and the agreement of two rankings (overlap, Spearman, Kendall).</summary>
public sealed class FunctionRankingTests
{
    private static IReadOnlyList<RankedFunction> Ranking(params string[] functions) =>
        [.. functions.Select((f, i) => new RankedFunction(f, 100 - i, 0))];

    [Fact]
    public void Functions_are_ranked_by_total_samples_with_line_numbers_dropped_and_frameworks_left_out()
    {
        var profile = CollapsedStacks.Parse("""
            process 1:"gunicorn";handle (gunicorn/workers/base_async.py:55);citizens (queue_api/routes.py:40);query (queue_api/db.py:10) 3
            process 1:"gunicorn";handle (gunicorn/workers/base_async.py:55);citizens (queue_api/routes.py:41) 2
            process 1:"gunicorn";handle (gunicorn/workers/base_async.py:55);verify (queue_api/auth.py:7) 1
            """);

        var top = FunctionRanking.Top(profile, CodeClassifier.Default, 10);

        top.Select(f => (f.Function, f.Samples)).Should().Equal(
            ("citizens (queue_api/routes.py)", 5), ("query (queue_api/db.py)", 3), ("verify (queue_api/auth.py)", 1));
        top[0].Share.Should().BeApproximately(5 / 6.0, 1e-9);
    }

    [Theory]
    [InlineData("a b c d", "a b c d", 4, 1.0, 1.0)]
    [InlineData("a b c d", "d c b a", 4, -1.0, -1.0)]
    [InlineData("a b c", "a c b", 3, 0.5, 1 / 3.0)]
    [InlineData("a b c x", "y a b c", 3, 1.0, 1.0)]
    public void Agreement_is_measured_over_the_common_functions(string first, string second, int common, double spearman, double kendall)
    {
        var a = Ranking(first.Split(' '));
        var b = Ranking(second.Split(' '));

        FunctionRanking.Common(a, b).Should().HaveCount(common);
        FunctionRanking.Spearman(a, b).Should().BeApproximately(spearman, 1e-9);
        FunctionRanking.Kendall(a, b).Should().BeApproximately(kendall, 1e-9);
    }

    [Fact]
    public void Fewer_than_two_common_functions_have_no_correlation()
    {
        FunctionRanking.Spearman(Ranking("a", "b"), Ranking("a", "c")).Should().BeNull();
        FunctionRanking.Kendall(Ranking("a"), Ranking("b")).Should().BeNull();
    }
}
