using System.Diagnostics;
using System.Globalization;

namespace PerfSuite.Engine.Metrics;

/// <summary>Where <see cref="GeneratorHealthMeter"/> reads CPU time; injectable so the arithmetic can be tested.</summary>
internal interface ICpuReadings
{
    /// <summary>CPU time (user + system) this process has used since it started.</summary>
    TimeSpan ProcessCpu();

    /// <summary>Busy time of all the machine's cores since boot; null where it cannot be read.</summary>
    TimeSpan? MachineBusyCpu();
}

/// <summary>The real readings: the process's <see cref="Process.TotalProcessorTime"/> and Linux's <c>/proc/stat</c>.</summary>
internal sealed class SystemCpuReadings : ICpuReadings
{
    public static readonly SystemCpuReadings Instance = new();

    private const string ProcStatPath = "/proc/stat";

    public TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public TimeSpan? MachineBusyCpu()
    {
        try
        {
            return OperatingSystem.IsLinux() && File.Exists(ProcStatPath) ? ProcStat.Busy(File.ReadLines(ProcStatPath).FirstOrDefault()) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Parses the aggregate <c>cpu</c> line of Linux's <c>/proc/stat</c>.</summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: the unit of <c>/proc/stat</c>, 100 on every Linux the kernel's ABI allows user space to see.</summary>
    public const int TicksPerSecond = 100;

    /// <summary>
    /// Busy time of all cores from <c>cpu  user nice system idle iowait irq softirq steal guest guest_nice</c>:
    /// user + nice + system + irq + softirq. Idle and iowait are not busy; steal is time the hypervisor gave to other
    /// machines; guest is already inside user. Null when the line is missing or not in that form.
    /// </summary>
    public static TimeSpan? Busy(string? cpuLine)
    {
        if (cpuLine is null || !cpuLine.StartsWith("cpu ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = cpuLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8)
        {
            return null;
        }

        long busy = 0;
        foreach (var index in (ReadOnlySpan<int>)[1, 2, 3, 6, 7])
        {
            if (!long.TryParse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return null;
            }

            busy += ticks;
        }

        return TimeSpan.FromSeconds((double)busy / TicksPerSecond);
    }
}
