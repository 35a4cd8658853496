using HdrHistogram;
using CsCheck;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Properties;

/// <summary>Property tests (CsCheck) for the plan's arrival counts and offsets, and for histogram encoding and merge.</summary>
public sealed class PlanAndHistogramPropertyTests
{
    [Fact]
    public void An_arrival_phase_plans_rate_times_duration_arrivals_in_order_within_the_phase()
    {
        Gen.Select(Gen.Double[0, 200], Gen.Double[0, 200], Gen.Int[1, 120], Gen.Bool).Sample((from, to, seconds, ramp) =>
        {
            var phase = new ArrivalPhase("p", TimeSpan.FromSeconds(seconds), from) { RampTo = ramp ? to : null };
            var starts = phase.Plan();
            var expected = (from + (ramp ? to : from)) / 2 * seconds;
            var offsets = starts.Select(s => s.Offset).ToList();
            return Math.Abs(starts.Count - expected) <= 1
                   && offsets.Zip(offsets.Skip(1)).All(p => p.First <= p.Second)
                   && offsets.All(o => o >= TimeSpan.Zero && o < phase.Duration);
        });
    }

    [Fact]
    public void A_histogram_survives_encoding_and_merging_parts_equals_recording_them_together()
    {
        Gen.Long[1, 60_000_000].Array[0, 200].Array[1, 5].Sample(parts =>
        {
            var together = LatencyHistograms.Create();
            var encoded = new List<string>();
            foreach (var part in parts)
            {
                var histogram = LatencyHistograms.Create();
                foreach (var value in part)
                {
                    histogram.RecordValue(LatencyHistograms.Clamp(value));
                    together.RecordValue(LatencyHistograms.Clamp(value));
                }

                var decoded = LatencyHistograms.Decode(LatencyHistograms.Encode(histogram));
                if (decoded.TotalCount != histogram.TotalCount || decoded.GetMaxValue() != histogram.GetMaxValue())
                {
                    return false;
                }

                encoded.Add(LatencyHistograms.Encode(histogram));
            }

            var merged = LatencyHistograms.Merge(encoded);
            return merged.TotalCount == together.TotalCount
                   && merged.GetMaxValue() == together.GetMaxValue()
                   && merged.GetValueAtPercentile(99) == together.GetValueAtPercentile(99)
                   && LatencyHistograms.Stats(merged) == LatencyHistograms.Stats(together);
        });
    }
}
