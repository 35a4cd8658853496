using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Tests.Comparison;

/// <summary>Synthetic per-round figures: log-normal latencies around a median, seeded, so every test sees the same numbers.</summary>
internal static class SyntheticRounds
{
    /// <summary>
    /// <paramref name="rounds"/> rounds of <paramref name="perRound"/> latencies each, median <paramref name="medianMs"/>,
    /// log-scale spread <paramref name="sigma"/>; round <c>i</c> is scaled by <c>roundFactor(i)</c> (drift or noise).
    /// </summary>
    public static List<RoundFigures> Create(int rounds, int perRound, double medianMs, double sigma, int seed, Func<int, double>? roundFactor = null, long failedPerRound = 0)
    {
        var random = new Random(seed);
        var result = new List<RoundFigures>();
        for (var round = 0; round < rounds; round++)
        {
            var factor = roundFactor?.Invoke(round) ?? 1.0;
            var micros = Enumerable.Range(0, perRound).Select(_ => (long)(medianMs * 1000 * factor * Math.Exp(sigma * Normal(random)))).ToList();
            result.Add(new RoundFigures(LatencySample.FromMicroseconds(micros), perRound, failedPerRound, 10));
        }

        return result;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
