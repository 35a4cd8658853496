using System.Globalization;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Lab.Sampler;

/// <summary>
/// The sampler's overhead on one server: paired rounds with its recording off and on, in alternating order (off, on; on,
/// off; ...), pooled and judged by <see cref="ComparisonStatistics"/> (the paired cluster bootstrap over rounds).
/// </summary>
internal static class SamplerOverhead
{
    /// <summary>Runs the rounds and returns the overhead section of the JSON.</summary>
    public static async Task<Dictionary<string, object?>> MeasureAsync(
        SamplerComparisonCommand.Arguments arguments, SamplerFolder sampler, CompareRounds.Side side, CompareRounds runs, TextWriter log, CancellationToken ct)
    {
        var off = new List<RunSummary>();
        var on = new List<RunSummary>();
        var samples = new List<long>();
        var rows = new List<Dictionary<string, object?>>();
        for (var round = 0; round < arguments.Rounds; round++)
        {
            var onFirst = round % 2 == 1;
            for (var half = 0; half < 2; half++)
            {
                if ((half == 0) == onFirst)
                {
                    var id = string.Create(CultureInfo.InvariantCulture, $"overhead-{round}");
                    await sampler.StartAsync(id, ct).ConfigureAwait(false);
                    on.Add(await runs.RunAsync(side, round, ct).ConfigureAwait(false));
                    samples.Add((await sampler.StopAsync(id, ct).ConfigureAwait(false)).TotalSamples);
                }
                else
                {
                    off.Add(await runs.RunAsync(side, round, ct).ConfigureAwait(false));
                }
            }

            rows.Add(new Dictionary<string, object?>
            {
                ["round"] = round + 1,
                ["order"] = onFirst ? "on, off" : "off, on",
                ["off_rps"] = Math.Round(off[^1].RequestsPerSecond, 2),
                ["on_rps"] = Math.Round(on[^1].RequestsPerSecond, 2),
                ["off_p95_ms"] = Math.Round(off[^1].Latency.P95Ms, 3),
                ["on_p95_ms"] = Math.Round(on[^1].Latency.P95Ms, 3),
                ["on_samples"] = samples[^1],
                ["failed"] = off[^1].FailedRequests + on[^1].FailedRequests,
            });
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"sampler-compare: round {round + 1}/{arguments.Rounds} ({rows[^1]["order"]}): req/s off {off[^1].RequestsPerSecond:0.0}, on {on[^1].RequestsPerSecond:0.0}; p95 off {off[^1].Latency.P95Ms:0.00} ms, on {on[^1].Latency.P95Ms:0.00} ms")).ConfigureAwait(false);
        }

        var comparison = ComparisonStatistics.Compare(
            "sampler overhead", true, [.. off.Select(RoundFigures.FromRun)], [.. on.Select(RoundFigures.FromRun)], ComparisonTolerance.Default, seed: arguments.Seed);
        Dictionary<string, object?> Metric(ComparisonMetric metric, Func<RunSummary, double> value)
        {
            var m = comparison.Metrics.Single(x => x.Metric == metric);
            var ratios = off.Zip(on, (a, b) => value(b) / value(a)).Order().ToList();
            return new Dictionary<string, object?>
            {
                ["off"] = Math.Round(m.Baseline, 3),
                ["on"] = Math.Round(m.Candidate, 3),
                ["change_percent"] = Math.Round(m.DeltaPercent, 2),
                ["interval_95_percent"] = m.Low is { } low && m.High is { } high ? new[] { Math.Round((low - 1) * 100, 2), Math.Round((high - 1) * 100, 2) } : null,
                ["verdict"] = m.Verdict.ToString(),
                ["reason"] = m.Reason,
                ["per_round_change_percent"] = new Dictionary<string, double>
                {
                    ["min"] = Math.Round((ratios[0] - 1) * 100, 2),
                    ["median"] = Math.Round((Median(ratios) - 1) * 100, 2),
                    ["max"] = Math.Round((ratios[^1] - 1) * 100, 2),
                },
            };
        }

        return new Dictionary<string, object?>
        {
            ["rounds"] = arguments.Rounds,
            ["round_seconds"] = arguments.RoundLength.TotalSeconds,
            ["off_means"] = "sampler loaded, not recording (its thread reads the control folder every 50 ms)",
            ["on_means"] = "sampler recording at 100 samples/s",
            ["statistic"] = "pooled rounds; 95 % interval from the paired cluster bootstrap over rounds (ComparisonStatistics, docs/compare.md)",
            ["requests_per_second"] = Metric(ComparisonMetric.Throughput, s => s.RequestsPerSecond),
            ["p95_ms"] = Metric(ComparisonMetric.P95, s => s.Latency.P95Ms),
            ["per_round"] = rows,
        };
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
