using System.Globalization;
using System.Text;
using HdrHistogram;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Sharding;

/// <summary>
/// A shard's latencies as HdrHistogram interval logs (<c>.hlog</c>, the format HdrHistogram's own
/// <c>HistogramLogReader</c> and tools read), values in microseconds, each log's <c>StartTime</c> the run's start:
/// <list type="bullet">
/// <item>one file per endpoint (<see cref="FileName"/>), one interval per second of the run tagged with the endpoint,
/// starting at the run's start + that second (<see cref="EndpointSummary.Seconds"/>; an empty interval for a second with
/// none; warm-up seconds are empty, as the endpoint's figures exclude warm-up), so any window re-aggregates by adding
/// its intervals, and all of them add up exactly to the endpoint's histogram in <c>report.json</c>; a summary recorded
/// without per-second intervals gets one interval spanning the measured run;</item>
/// <item><c>all.hlog</c>: one interval of all requests spanning the measured run;</item>
/// <item><c>series.hlog</c>: one interval per second of all requests (warm-up included, as the reports' time series),
/// which the merge adds second by second for the merged series' percentiles.</item>
/// </list>
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
        var logs = summary.Endpoints.Select(e => (Name: e.Name, e.Histogram, e.Seconds)).Prepend(("all", summary.Histogram, null));
        foreach (var (name, encoded, seconds) in logs)
        {
            var intervals = seconds is null
                ? [WholeRun(summary, LatencyHistograms.Decode(encoded), Tag(name))]
                : seconds.Select((second, i) => Second(summary, i, second, Tag(name))).ToArray();
            written.Add(await WriteLogAsync(summary, Path.Combine(folder, FileName(name)), intervals, cancellationToken).ConfigureAwait(false));
        }

        var series = summary.Series.Select(point => Second(summary, point.Second, point.Latency, "series")).ToArray();
        written.Add(await WriteLogAsync(summary, Path.Combine(folder, SeriesFileName), series, cancellationToken).ConfigureAwait(false));
        return written;
    }

    /// <summary>
    /// The intervals of an endpoint's log in a shard's report directory (<c>hlog/</c> + <see cref="FileName"/>), in order,
    /// read with HdrHistogram's own <see cref="HistogramLogReader"/>; <c>null</c> when the directory has none.
    /// </summary>
    /// <param name="directory">A shard's report directory.</param>
    /// <param name="endpoint">The endpoint's name, e.g. <c>GET /health</c>.</param>
    /// <exception cref="FormatException">The file is not an interval log; the message names it.</exception>
    public static IReadOnlyList<HistogramBase>? ReadEndpoint(string directory, string endpoint) => Read(Path.Combine(directory, Folder, FileName(endpoint)));

    /// <summary>
    /// The per-second histograms of a shard's <c>hlog/series.hlog</c>, in order (second 0 first), read with HdrHistogram's own
    /// <see cref="HistogramLogReader"/>; <c>null</c> when the directory has none.
    /// </summary>
    /// <param name="directory">A shard's report directory.</param>
    /// <exception cref="FormatException">The file is not an interval log; the message names it.</exception>
    public static IReadOnlyList<HistogramBase>? ReadSeries(string directory) => Read(Path.Combine(directory, Folder, SeriesFileName));

    private static IReadOnlyList<HistogramBase>? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // HdrHistogram.NET's reader reads UTF-16; the file is ASCII (as HdrHistogram's other tools write and read it).
            var bytes = File.ReadAllBytes(path);
            using var stream = bytes is [0xFF, 0xFE, ..] ? new MemoryStream(bytes)
                : new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes))]);
            using var reader = new HistogramLogReader(stream);
            return [.. reader.ReadHistograms()];
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new FormatException($"{path}: not an HdrHistogram interval log ({e.Message})", e);
        }
    }

    // Second i of the run: [start + i s, start + i + 1 s), empty when the second has no histogram.
    private static HistogramBase Second(RunSummary summary, int second, string? encoded, string tag)
    {
        var histogram = encoded is null ? LatencyHistograms.Create() : LatencyHistograms.Decode(encoded);
        histogram.Tag = tag;
        histogram.StartTimeStamp = summary.StartedAt.AddSeconds(second).ToUnixTimeMilliseconds();
        histogram.EndTimeStamp = summary.StartedAt.AddSeconds(second + 1).ToUnixTimeMilliseconds();
        return histogram;
    }

    private static HistogramBase WholeRun(RunSummary summary, HistogramBase histogram, string tag)
    {
        histogram.Tag = tag;
        histogram.StartTimeStamp = summary.StartedAt.ToUnixTimeMilliseconds();
        histogram.EndTimeStamp = (summary.StartedAt + summary.Duration).ToUnixTimeMilliseconds();
        return histogram;
    }

    // HdrHistogram.NET's writer writes UTF-16 and absolute timestamps; the log format HdrHistogram's tools (Java's
    // HistogramLogReader, HistogramLogProcessor) read is ASCII text: the log is re-written in UTF-8 without a BOM, with a
    // BaseTime line (the run's start) and each interval's start timestamp relative to it, as the Java writer writes.
    private static async Task<string> WriteLogAsync(RunSummary summary, string path, HistogramBase[] intervals, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var buffer = new MemoryStream();
        using (var writer = new HistogramLogWriter(buffer))
        {
            writer.Write(summary.StartedAt.UtcDateTime, intervals);
        }

        var baseTime = summary.StartedAt.ToUnixTimeMilliseconds() / 1000m;
        var text = new StringBuilder();
        foreach (var line in Encoding.Unicode.GetString(buffer.ToArray()).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var tag = line.StartsWith("Tag=", StringComparison.Ordinal) ? line[..(line.IndexOf(',', StringComparison.Ordinal) + 1)] : string.Empty;
            var rest = line[tag.Length..];
            var comma = rest.IndexOf(',', StringComparison.Ordinal);
            if (line[0] is not ('#' or '"') && comma > 0 && decimal.TryParse(rest[..comma], NumberStyles.Float, CultureInfo.InvariantCulture, out var absolute))
            {
                text.Append(tag).Append(CultureInfo.InvariantCulture, $"{absolute - baseTime:0.000}").Append(rest[comma..]).Append('\n');
                continue;
            }

            text.Append(line).Append('\n');
            if (line.StartsWith("#[StartTime:", StringComparison.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"#[BaseTime: {baseTime:0.000} (seconds since epoch)]").Append('\n');
            }
        }

        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The file name of an endpoint's log: its name with anything but letters, digits, '.', '_' and '-' as '_'.</summary>
    /// <param name="endpoint">Endpoint name, e.g. <c>GET /health</c>.</param>
    public static string FileName(string endpoint) =>
        new string([.. (endpoint ?? string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]) + ".hlog";

    // Tags are comma-free and space-free in the log format.
    private static string Tag(string name) => new([.. name.Select(c => c is ',' or ' ' ? '_' : c)]);
}
