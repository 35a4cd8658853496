using System.Text;
using System.Text.Json;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Cli.Load;

/// <summary>
/// The one-line JSON result of the <c>load</c> command, for side-by-side comparison with wrk, k6 or Artillery.
/// Every figure is copied from the <see cref="RunSummary"/>; nothing is re-computed here.
/// </summary>
internal static class LoadResultLine
{
    /// <summary>
    /// Formats <c>{"requests","rps","errors","error_rate","codes","error_kinds","latency_ms":{min,mean,p50,p90,p95,p99,p999,max},
    /// "skipped_arrivals","arrival_lag_ms":{p50,p99},"cpu_seconds","cpu_us_per_request","cpu_share_of_one_core","startup_cpu_seconds",
    /// "host_other_cpu_seconds","generator_bound"}</c> on one line (no newline), with <c>"cancelled":true</c> last when the run was
    /// interrupted (Ctrl+C). Latencies are in milliseconds, <c>rps</c> in requests per second, <c>error_rate</c> in 0..1.
    /// <c>cpu_seconds</c> is the generator's CPU during the run, <c>cpu_us_per_request</c> that over every request of the run
    /// (warm-up included), <c>startup_cpu_seconds</c> the process's CPU before the run, and <c>host_other_cpu_seconds</c> the rest
    /// of the machine's CPU during the run (null off Linux, or when no request was sent).
    /// </summary>
    /// <param name="summary">The run's summary.</param>
    public static string Format(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("requests", summary.Requests);
            json.WriteNumber("rps", Math.Round(summary.RequestsPerSecond, 1));
            json.WriteNumber("errors", summary.FailedRequests);
            json.WriteNumber("error_rate", summary.ErrorRate);
            WriteCounts(json, "codes", summary.Codes);
            WriteCounts(json, "error_kinds", summary.Errors);
            var latency = summary.Latency;
            json.WriteStartObject("latency_ms");
            json.WriteNumber("min", latency.MinMs);
            json.WriteNumber("mean", Math.Round(latency.MeanMs, 3));
            json.WriteNumber("p50", latency.P50Ms);
            json.WriteNumber("p90", latency.P90Ms);
            json.WriteNumber("p95", latency.P95Ms);
            json.WriteNumber("p99", latency.P99Ms);
            json.WriteNumber("p999", latency.P999Ms);
            json.WriteNumber("max", latency.MaxMs);
            json.WriteEndObject();
            json.WriteNumber("skipped_arrivals", summary.SkippedArrivals);
            json.WriteStartObject("arrival_lag_ms");
            json.WriteNumber("p50", summary.Generator.ArrivalLag.P50Ms);
            json.WriteNumber("p99", summary.Generator.ArrivalLag.P99Ms);
            json.WriteEndObject();
            var generator = summary.Generator;
            json.WriteNumber("cpu_seconds", Math.Round(generator.CpuSeconds, 3));
            WriteOptional(json, "cpu_us_per_request", generator.CpuMicrosecondsPerRequest, 2);
            WriteOptional(json, "cpu_share_of_one_core", generator.CpuShareOfOneCore, 3);
            WriteOptional(json, "startup_cpu_seconds", generator.StartupCpuSeconds, 3);
            WriteOptional(json, "host_other_cpu_seconds", generator.HostOtherCpuSeconds, 3);
            json.WriteBoolean("generator_bound", summary.Generator.GeneratorBound);
            if (summary.Cancelled)
            {
                json.WriteBoolean("cancelled", true);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value, int digits)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, digits));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }
}
