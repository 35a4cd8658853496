using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

public sealed class WeightedPickerTests
{
    [Fact]
    public void Weights_1_3_6_share_30000_picks_within_chi_square_bounds()
    {
        var picker = new WeightedPicker([1, 3, 6], new Random(42));
        var counts = new int[3];

        for (var i = 0; i < 30_000; i++)
        {
            counts[picker.Next()]++;
        }

        double[] expected = [3_000, 9_000, 18_000];
        var chiSquare = counts.Select((c, i) => Math.Pow(c - expected[i], 2) / expected[i]).Sum();

        // 2 degrees of freedom: 13.8 is the 0.1 % critical value, generous for a seeded test.
        chiSquare.Should().BeLessThan(13.8);
    }

    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var first = new WeightedPicker([1, 1, 1], new Random(7));
        var second = new WeightedPicker([1, 1, 1], new Random(7));

        var a = Enumerable.Range(0, 100).Select(_ => first.Next()).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => second.Next()).ToList();

        a.Should().Equal(b);
        a.Distinct().Should().HaveCount(3);
    }

    [Fact]
    public void A_single_scenario_is_always_picked()
    {
        var picker = new WeightedPicker([5], new Random(1));

        var picks = Enumerable.Range(0, 50).Select(_ => picker.Next());

        picks.Should().OnlyContain(i => i == 0);
    }
}
