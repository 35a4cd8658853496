using HdrHistogram;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// Groups an encoded latency histogram into log-ish buckets (1-2-5 steps of milliseconds), which keep a
/// 1 ms median and a 30 s tail readable on one chart. Empty buckets before the first and after the last sample are dropped.
/// </summary>
internal static class LatencyBuckets
{
    public static IReadOnlyList<(string Label, long Count)> From(string encodedHistogram)
    {
        HistogramBase histogram = LatencyHistograms.Decode(encodedHistogram);
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        var bounds = Bounds(histogram.GetMaxValue() / 1000.0);
        var counts = new long[bounds.Count];
        foreach (var value in histogram.RecordedValues())
        {
            // Each recorded bucket counts at its highest equivalent value, as the percentiles do.
            var ms = value.ValueIteratedTo / 1000.0;
            var index = 0;
            while (index < bounds.Count - 1 && ms > bounds[index])
            {
                index++;
            }

            counts[index] += value.CountAddedInThisIterationStep;
        }

        var first = Array.FindIndex(counts, c => c > 0);
        var last = Array.FindLastIndex(counts, c => c > 0);
        return [.. Enumerable.Range(first, last - first + 1).Select(i => ("≤" + SvgScale.Number(bounds[i]), counts[i]))];
    }

    private static List<double> Bounds(double maxMs)
    {
        var bounds = new List<double>();
        for (var magnitude = 0.1; ; magnitude *= 10)
        {
            foreach (var step in new[] { 1.0, 2.0, 5.0 })
            {
                var bound = Math.Round(step * magnitude, 3);
                bounds.Add(bound);
                if (bound >= maxMs)
                {
                    return bounds;
                }
            }
        }
    }
}
