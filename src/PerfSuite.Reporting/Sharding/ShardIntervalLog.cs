using HdrHistogram;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Sharding;

/// <summary>
/// A shard's latencies as HdrHistogram interval logs (<c>.hlog</c>, the format HdrHistogram's own
/// <c>HistogramLogReader</c> and tools read), one file per endpoint plus <c>all.hlog</c>, values in microseconds.
/// Each log holds one interval tagged with the endpoint, spanning the shard's measured run from its start instant, so
/// logs of several shards re-aggregate by adding their histograms.
/// </summary>
public static class ShardIntervalLog
{
    /// <summary>Folder of the logs in a shard's report directory.</summary>
    public const string Folder = "hlog";

    /// <summary>Writes the logs; returns their paths.</summary>
    /// <param name="summary">The shard's summary.</param>
    /// <param name="directory">The shard's report directory.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunSummary summary, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var folder = Path.Combine(directory, Folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var logs = summary.Endpoints.Select(e => (Name: e.Name, e.Histogram)).Prepend(("all", summary.Histogram));
        foreach (var (name, encoded) in logs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var histogram = LatencyHistograms.Decode(encoded);
            histogram.Tag = Tag(name);
            histogram.StartTimeStamp = summary.StartedAt.ToUnixTimeMilliseconds();
            histogram.EndTimeStamp = (summary.StartedAt + summary.Duration).ToUnixTimeMilliseconds();
            var path = Path.Combine(folder, FileName(name));
            var stream = File.Create(path);
            await using (stream.ConfigureAwait(false))
            {
                using var writer = new HistogramLogWriter(stream);
                writer.Write(summary.StartedAt.UtcDateTime, histogram);
            }

            written.Add(path);
        }

        return written;
    }

    /// <summary>The file name of an endpoint's log: its name with anything but letters, digits, '.', '_' and '-' as '_'.</summary>
    /// <param name="endpoint">Endpoint name, e.g. <c>GET /health</c>.</param>
    public static string FileName(string endpoint) =>
        new string([.. (endpoint ?? string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]) + ".hlog";

    // Tags are comma-free and space-free in the log format.
    private static string Tag(string name) => new([.. name.Select(c => c is ',' or ' ' ? '_' : c)]);
}
