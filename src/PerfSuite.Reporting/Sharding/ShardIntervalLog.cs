using HdrHistogram;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Sharding;

/// <summary>
/// A shard's latencies as HdrHistogram interval logs (<c>.hlog</c>, the format HdrHistogram's own
/// <c>HistogramLogReader</c> and tools read), one file per endpoint plus <c>all.hlog</c>, values in microseconds.
/// Each log holds one interval tagged with the endpoint, spanning the shard's measured run from its start instant, so
/// logs of several shards re-aggregate by adding their histograms. <c>series.hlog</c> holds one interval per second of
/// the run (warm-up included, as the reports' time series; an empty interval for a second with no completed request),
/// which the merge adds second by second for the merged series' percentiles.
/// </summary>
public static class ShardIntervalLog
{
    /// <summary>Folder of the logs in a shard's report directory.</summary>
    public const string Folder = "hlog";

    /// <summary>File name of the per-second log of all requests.</summary>
    public const string SeriesFileName = "series.hlog";

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

        written.Add(await WriteSeriesAsync(summary, Path.Combine(folder, SeriesFileName), cancellationToken).ConfigureAwait(false));
        return written;
    }

    /// <summary>
    /// The per-second histograms of a shard's <c>hlog/series.hlog</c>, in order (second 0 first), read with HdrHistogram's own
    /// <see cref="HistogramLogReader"/>; <c>null</c> when the directory has none.
    /// </summary>
    /// <param name="directory">A shard's report directory.</param>
    /// <exception cref="FormatException">The file is not an interval log; the message names it.</exception>
    public static IReadOnlyList<HistogramBase>? ReadSeries(string directory)
    {
        var path = Path.Combine(directory, Folder, SeriesFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new HistogramLogReader(stream);
            return [.. reader.ReadHistograms()];
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new FormatException($"{path}: not an HdrHistogram interval log ({e.Message})", e);
        }
    }

    private static async Task<string> WriteSeriesAsync(RunSummary summary, string path, CancellationToken cancellationToken)
    {
        var intervals = summary.Series.Select(point =>
        {
            var histogram = point.Latency is { } encoded ? LatencyHistograms.Decode(encoded) : LatencyHistograms.Create();
            histogram.Tag = "series";
            histogram.StartTimeStamp = summary.StartedAt.AddSeconds(point.Second).ToUnixTimeMilliseconds();
            histogram.EndTimeStamp = summary.StartedAt.AddSeconds(point.Second + 1).ToUnixTimeMilliseconds();
            return histogram;
        }).ToArray();
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var writer = new HistogramLogWriter(stream);
            writer.Write(summary.StartedAt.UtcDateTime, intervals);
        }

        return path;
    }

    /// <summary>The file name of an endpoint's log: its name with anything but letters, digits, '.', '_' and '-' as '_'.</summary>
    /// <param name="endpoint">Endpoint name, e.g. <c>GET /health</c>.</param>
    public static string FileName(string endpoint) =>
        new string([.. (endpoint ?? string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]) + ".hlog";

    // Tags are comma-free and space-free in the log format.
    private static string Tag(string name) => new([.. name.Select(c => c is ',' or ' ' ? '_' : c)]);
}
