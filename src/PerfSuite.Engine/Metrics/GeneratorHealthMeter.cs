using System.Globalization;
using HdrHistogram;

namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Measures the generator's own CPU over the load window (process user + system time, on the real clock), what the
/// process had used before the window and what the rest of the machine used during it, and judges, with the arrival
/// lag, whether results may be generator-bound: lag p99 &gt; 50 ms or CPU &gt; 90 % of all cores.
/// </summary>
internal sealed class GeneratorHealthMeter
{
    public const double LagP99LimitMs = 50;
    public const double CpuLimit = 0.9;

    private readonly ICpuReadings _cpu;
    private readonly TimeProvider _clock;
    private readonly int _processorCount;
    private readonly TimeSpan _cpuAtStart;
    private readonly TimeSpan? _machineAtStart;
    private readonly long _wallAtStart;

    /// <summary>Starts the window now, on the real CPU readings and clock.</summary>
    public GeneratorHealthMeter()
        : this(SystemCpuReadings.Instance, TimeProvider.System, Environment.ProcessorCount)
    {
    }

    /// <summary>Starts the window now, on the given readings and clock (tests).</summary>
    public GeneratorHealthMeter(ICpuReadings cpu, TimeProvider clock, int processorCount)
    {
        _cpu = cpu;
        _clock = clock;
        _processorCount = Math.Max(1, processorCount);
        _cpuAtStart = cpu.ProcessCpu();
        _machineAtStart = cpu.MachineBusyCpu();
        _wallAtStart = clock.GetTimestamp();
    }

    /// <summary>Ends the window.</summary>
    /// <param name="arrivalLag">The run's arrival lag.</param>
    /// <param name="windowRequests">Requests sent during the window, warm-up included.</param>
    public GeneratorHealth Finish(HistogramBase arrivalLag, long windowRequests)
    {
        var cpu = (_cpu.ProcessCpu() - _cpuAtStart).TotalSeconds;
        var machineAtEnd = _cpu.MachineBusyCpu();
        var wall = _clock.GetElapsedTime(_wallAtStart).TotalSeconds;
        var utilization = wall <= 0 ? 0 : Math.Clamp(cpu / (wall * _processorCount), 0, 1);
        var lag = LatencyHistograms.Stats(arrivalLag.Copy());

        // /proc/stat counts in 10 ms ticks, the process's CPU more finely: a difference a tick below zero is zero.
        double? hostOther = _machineAtStart is { } before && machineAtEnd is { } after
            ? Math.Max(0, (after - before).TotalSeconds - cpu)
            : null;
        return Judge(lag, cpu, utilization, wall) with
        {
            WindowSeconds = wall,
            WindowRequests = windowRequests,
            StartupCpuSeconds = _cpuAtStart.TotalSeconds,
            HostOtherCpuSeconds = hostOther,
        };
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
}
