using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Hosting.Telemetry;

/// <summary>
/// Exports the engine's live meter (<see cref="EngineMeter.Name"/>) as <see cref="MetricsExportSettings"/> ask:
/// OTLP through the OpenTelemetry .NET SDK (which reads the standard <c>OTEL_*</c> variables itself) and a loopback
/// Prometheus scrape endpoint. Nothing runs when nothing is asked. The session starts the process's export once
/// (<see cref="ForProcess"/>), so <c>dotnet test</c>, <c>perfsuite load</c> and <c>perfsuite run</c> share it.
/// </summary>
public sealed class MetricsExport : IDisposable
{
    private static readonly Lock ProcessGate = new();
    private static MetricsExport? _process;
    private static bool _processStarted;

    private readonly MeterProvider? _otlp;

    private MetricsExport(MeterProvider? otlp, PrometheusEndpoint? prometheus, string description)
    {
        _otlp = otlp;
        Prometheus = prometheus;
        Description = description;
    }

    /// <summary>The Prometheus endpoint; <c>null</c> when not asked.</summary>
    public PrometheusEndpoint? Prometheus { get; }

    /// <summary>One line saying what is exported where, e.g. <c>metrics: OTLP (grpc) to http://127.0.0.1:4317; Prometheus at http://127.0.0.1:9464/metrics</c>.</summary>
    public string Description { get; }

    /// <summary>
    /// The process's export, started on the first call from the process environment (<see cref="MetricsExportSettings.FromEnvironment"/>)
    /// and stopped (OTLP flushed) when the process exits; <c>null</c> when nothing is asked.
    /// </summary>
    /// <returns>The export, or <c>null</c>.</returns>
    /// <exception cref="Settings.PerfSettingsException">A variable is invalid (the first call only); names it and its value.</exception>
    public static MetricsExport? ForProcess()
    {
        lock (ProcessGate)
        {
            if (!_processStarted)
            {
                var settings = MetricsExportSettings.FromEnvironment();
                _processStarted = true;
                if (settings.Any)
                {
                    _process = Start(settings);
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => _process.Dispose();
                }
            }

            return _process;
        }
    }

    /// <summary>Starts the exporters <paramref name="settings"/> ask for.</summary>
    /// <param name="settings">What to export.</param>
    /// <returns>The running export; dispose it to flush and stop.</returns>
    /// <exception cref="System.Net.Sockets.SocketException">The Prometheus port is taken.</exception>
    public static MetricsExport Start(MetricsExportSettings settings) => Start(settings, null);

    /// <summary>Starts the exporters; <paramref name="configureOtlp"/> overrides the OTLP options read from the environment (tests).</summary>
    internal static MetricsExport Start(MetricsExportSettings settings, Action<OtlpExporterOptions, MetricReaderOptions>? configureOtlp)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parts = new List<string>();
        MeterProvider? otlp = null;
        if (settings.Otlp)
        {
            otlp = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("perfsuite"))
                .AddMeter(EngineMeter.Name)
                .AddOtlpExporter((exporter, reader) => configureOtlp?.Invoke(exporter, reader))
                .Build();
            parts.Add($"OTLP ({settings.OtlpProtocol ?? "grpc"}) to {settings.OtlpEndpoint}");
        }

        PrometheusEndpoint? prometheus = null;
        if (settings.Prometheus is { } endpoint)
        {
            try
            {
                prometheus = PrometheusEndpoint.Start(endpoint);
            }
            catch
            {
                otlp?.Dispose();
                throw;
            }

            parts.Add($"Prometheus at http://{prometheus.Endpoint}/metrics");
        }

        return new MetricsExport(otlp, prometheus, "metrics: " + (parts.Count == 0 ? "not exported" : string.Join("; ", parts)));
    }

    /// <summary>Sends what OTLP has not sent yet (a run's last figures), waiting at most <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The bound.</param>
    public void Flush(TimeSpan timeout) => _otlp?.ForceFlush((int)timeout.TotalMilliseconds);

    /// <summary>Flushes OTLP and stops both exporters.</summary>
    public void Dispose()
    {
        _otlp?.Dispose();
        Prometheus?.Dispose();
    }
}
