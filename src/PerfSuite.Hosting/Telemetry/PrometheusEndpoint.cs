using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Hosting.Telemetry;

/// <summary>
/// A Prometheus scrape endpoint (text exposition format 0.0.4, <c>GET /metrics</c>) of the engine's meter
/// (<see cref="EngineMeter.Name"/>), on a loopback address only: it has no authentication. Counters are cumulative
/// over the process's life; the latency histograms use the meter's advised buckets.
/// </summary>
public sealed class PrometheusEndpoint : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();
    private readonly TcpListener _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private PrometheusEndpoint(IPEndPoint endpoint)
    {
        _server = new TcpListener(endpoint);
        _server.Start();
        Endpoint = (IPEndPoint)_server.LocalEndpoint;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineMeter.Name)
            {
                _instruments.TryAdd(instrument, new InstrumentSeries(instrument));
                listener.EnableMeasurementEvents(instrument, _instruments[instrument]);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSeries)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentSeries)state!).Add(value, tags));
        _listener.Start();
        _serving = Task.Run(() => ServeAsync(_stop.Token));
    }

    /// <summary>The address and port it listens on (the port the system chose when asked for 0).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Starts listening on <paramref name="endpoint"/>, which must be a loopback address.</summary>
    /// <param name="endpoint">E.g. 127.0.0.1:9464; port 0 lets the system choose.</param>
    /// <returns>The started endpoint; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">The address is not a loopback one.</exception>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static PrometheusEndpoint Start(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new ArgumentException($"The Prometheus endpoint must listen on a loopback address (127.0.0.1 or [::1]), not {endpoint}: it has no authentication.", nameof(endpoint));
        }

        return new PrometheusEndpoint(endpoint);
    }

    /// <summary>The current exposition text, as a scrape gets it.</summary>
    /// <returns>Prometheus text format 0.0.4.</returns>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var series in _instruments.Values.OrderBy(s => s.Instrument.Name, StringComparer.Ordinal))
        {
            series.Render(text);
        }

        return text.ToString();
    }

    /// <summary>Stops listening and serving.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _server.Stop();
        _listener.Dispose();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's socket; nothing to report.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _server.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client, cancellationToken), CancellationToken.None);
        }
    }

    private async Task AnswerAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var stream = client.GetStream();
                var request = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
                var path = request.Split(' ') is [_, var target, ..] ? target.Split('?')[0] : string.Empty;
                var (status, type, body) = path is "/metrics" or "/"
                    ? ("200 OK", "text/plain; version=0.0.4; charset=utf-8", Render())
                    : ("404 Not Found", "text/plain; charset=utf-8", "Not found: the metrics are at /metrics\n");
                var payload = Encoding.UTF8.GetBytes(body);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, timeout.Token).ConfigureAwait(false);
                await stream.WriteAsync(payload, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A scraper that went away, or a stop: nothing to answer.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    /// <summary>Names in Prometheus's convention: dots to underscores, the unit as a suffix, <c>_total</c> on counters.</summary>
    internal static string MetricName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return instrument is Counter<long> or Counter<double> ? name + "_total" : name;
    }

    internal static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Up to three tag values, compared by value; the engine's instruments carry at most three.</summary>
    private readonly record struct TagKey(int Count, object? First, object? Second, object? Third)
    {
        public static TagKey Of(ReadOnlySpan<KeyValuePair<string, object?>> tags) => new(
            Math.Min(tags.Length, 3),
            tags.Length > 0 ? tags[0].Value : null,
            tags.Length > 1 ? tags[1].Value : null,
            tags.Length > 2 ? tags[2].Value : null);
    }

    /// <summary>One time series: a counter's value or a histogram's buckets, sum and count.</summary>
    private sealed class Series(string labels, int buckets)
    {
        private readonly long[] _buckets = new long[buckets + 1];
        private long _count;
        private long _value;
        private double _sum;

        public string Labels { get; } = labels;

        public void Add(long value) => Interlocked.Add(ref _value, value);

        public void Observe(double value, IReadOnlyList<double> bounds)
        {
            var i = 0;
            while (i < bounds.Count && value > bounds[i])
            {
                i++;
            }

            Interlocked.Increment(ref _buckets[i]);
            Interlocked.Increment(ref _count);
            double seen, next;
            do
            {
                seen = Volatile.Read(ref _sum);
                next = seen + value;
            }
            while (Interlocked.CompareExchange(ref _sum, next, seen) != seen);
        }

        public long Value => Volatile.Read(ref _value);

        public long Count => Volatile.Read(ref _count);

        public double Sum => Volatile.Read(ref _sum);

        public long Bucket(int i) => Volatile.Read(ref _buckets[i]);
    }

    private sealed class InstrumentSeries(Instrument instrument)
    {
        private readonly ConcurrentDictionary<TagKey, Series> _series = new();
        private readonly IReadOnlyList<double> _bounds = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries ?? EngineMeter.LatencyBuckets;

        public Instrument Instrument { get; } = instrument;

        public void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Get(tags).Add(value);

        public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Get(tags).Observe(value, _bounds);

        public void Render(StringBuilder text)
        {
            var name = MetricName(Instrument);
            var type = Instrument switch
            {
                Histogram<double> => "histogram",
                Counter<long> => "counter",
                _ => "gauge",
            };
            text.Append("# HELP ").Append(name).Append(' ').Append(Instrument.Description?.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var series in _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                if (type != "histogram")
                {
                    Line(text, name, series.Labels, null, series.Value.ToString(CultureInfo.InvariantCulture));
                    continue;
                }

                var cumulative = 0L;
                for (var i = 0; i <= _bounds.Count; i++)
                {
                    cumulative += series.Bucket(i);
                    var le = i < _bounds.Count ? _bounds[i].ToString("R", CultureInfo.InvariantCulture) : "+Inf";
                    Line(text, name + "_bucket", series.Labels, $"le=\"{le}\"", cumulative.ToString(CultureInfo.InvariantCulture));
                }

                Line(text, name + "_sum", series.Labels, null, series.Sum.ToString("R", CultureInfo.InvariantCulture));
                Line(text, name + "_count", series.Labels, null, series.Count.ToString(CultureInfo.InvariantCulture));
            }
        }

        private static void Line(StringBuilder text, string name, string labels, string? extra, string value)
        {
            text.Append(name);
            var all = string.Join(',', new[] { labels, extra }.Where(l => !string.IsNullOrEmpty(l)));
            if (all.Length > 0)
            {
                text.Append('{').Append(all).Append('}');
            }

            text.Append(' ').Append(value).Append('\n');
        }

        private Series Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = TagKey.Of(tags);
            if (_series.TryGetValue(key, out var series))
            {
                return series;
            }

            var labels = new StringBuilder();
            foreach (var tag in tags)
            {
                if (labels.Length > 0)
                {
                    labels.Append(',');
                }

                labels.Append(tag.Key.Replace('.', '_').Replace('-', '_')).Append("=\"").Append(Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
            }

            return _series.GetOrAdd(key, new Series(labels.ToString(), _bounds.Count));
        }
    }
}
