using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Measures the generator's own CPU (process user + system time over the run, on the real clock) and judges,
/// with the arrival lag, whether results may be generator-bound: lag p99 &gt; 50 ms or CPU &gt; 90 % of all cores.
/// </summary>
internal sealed class GeneratorHealthMeter
{
    public const double LagP99LimitMs = 50;
    public const double CpuLimit = 0.9;

    private readonly TimeSpan _cpuAtStart = CurrentCpu();
    private readonly long _wallAtStart = Stopwatch.GetTimestamp();

    public GeneratorHealth Finish(HistogramBase arrivalLag)
    {
        var cpu = (CurrentCpu() - _cpuAtStart).TotalSeconds;
        var wall = Stopwatch.GetElapsedTime(_wallAtStart).TotalSeconds;
        var utilization = wall <= 0 ? 0 : Math.Clamp(cpu / (wall * Environment.ProcessorCount), 0, 1);
        var lag = LatencyHistograms.Stats(arrivalLag.Copy());
        return Judge(lag, cpu, utilization, wall);
    }

    /// <summary>The verdict for given figures; CPU is judged only over runs of at least one second of wall time.</summary>
    public static GeneratorHealth Judge(LatencyStats lag, double cpuSeconds, double utilization, double wallSeconds)
    {
        var reasons = new List<string>();
        if (lag.P99Ms > LagP99LimitMs)
        {
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Arrival lag p99 was {lag.P99Ms:0.#} ms (limit {LagP99LimitMs} ms): virtual users started late, so results may be generator-bound."));
        }

        if (wallSeconds >= 1 && utilization > CpuLimit)
        {
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Generator CPU use was {utilization:P0} of all cores (limit {CpuLimit:P0}): results may be generator-bound."));
        }

        return new GeneratorHealth(lag, cpuSeconds, utilization, reasons.Count > 0, reasons);
    }

    private static TimeSpan CurrentCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
