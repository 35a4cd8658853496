using System.Globalization;
using System.Runtime.InteropServices;

namespace PerfSuite.Lab.Sampler;

/// <summary>What a measurement ran on: OS, cores, CPU model, .NET, the load average before and after.</summary>
internal static class MachineFacts
{
    /// <summary>The first line of /proc/loadavg, or <c>null</c> where there is none.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The machine section of the JSON.</summary>
    public static Dictionary<string, object?> Read(string? loadBefore)
    {
        string? cpu = null;
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
        }

        return new Dictionary<string, object?>
        {
            ["os"] = RuntimeInformation.OSDescription,
            ["cores"] = Environment.ProcessorCount,
            ["cpu"] = cpu,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["load_average_before"] = loadBefore,
            ["load_average_after"] = LoadAverage(),
            ["utc"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
    }
}
