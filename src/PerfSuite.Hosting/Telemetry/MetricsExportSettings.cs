using System.Globalization;
using System.Net;
using PerfSuite.Hosting.Settings;

namespace PerfSuite.Hosting.Telemetry;

/// <summary>
/// Which exporters of the live meter run: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or
/// <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>) is set and <c>OTEL_METRICS_EXPORTER</c> is not <c>none</c>; a Prometheus
/// scrape endpoint when <c>PERF_METRICS_PROMETHEUS=127.0.0.1:PORT</c>. Pure data.
/// </summary>
public sealed record MetricsExportSettings
{
    /// <summary>Whether OTLP export runs.</summary>
    public bool Otlp { get; init; }

    /// <summary>The OTLP endpoint named by the environment (for the log line); the SDK reads it itself.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>The OTLP protocol named by the environment (<c>grpc</c>, the default, or <c>http/protobuf</c>).</summary>
    public string? OtlpProtocol { get; init; }

    /// <summary>Where the Prometheus endpoint listens (a loopback address); <c>null</c> when not asked.</summary>
    public IPEndPoint? Prometheus { get; init; }

    /// <summary>Whether anything is exported.</summary>
    public bool Any => Otlp || Prometheus is not null;

    /// <summary>Reads the process environment; see <see cref="Parse"/>.</summary>
    /// <returns>The settings.</returns>
    /// <exception cref="PerfSettingsException">A variable is invalid; every problem is named with its value.</exception>
    public static MetricsExportSettings FromEnvironment() => Parse(Environment.GetEnvironmentVariable);

    /// <summary>Reads the settings from <paramref name="read"/>.</summary>
    /// <param name="read">The environment, or a dictionary lookup in tests.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="PerfSettingsException">A variable is invalid; every problem is named with its value.</exception>
    public static MetricsExportSettings Parse(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        string? Value(string name) => read(name) is { Length: > 0 } v ? v.Trim() : null;
        var problems = new List<string>();
        var settings = new MetricsExportSettings();

        var endpointVariable = Value("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT") is not null ? "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT";
        var endpoint = Value(endpointVariable);
        var exporters = Value("OTEL_METRICS_EXPORTER");
        if (endpoint is not null && !string.Equals(exporters, "none", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"{endpointVariable}='{endpoint}' must be an absolute http or https URL (e.g. http://127.0.0.1:4317).");
            }

            var protocolVariable = Value("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL") is not null ? "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL" : "OTEL_EXPORTER_OTLP_PROTOCOL";
            var protocol = Value(protocolVariable);
            if (protocol is not null and not ("grpc" or "http/protobuf"))
            {
                problems.Add($"{protocolVariable}='{protocol}' is not supported: use grpc (the default) or http/protobuf.");
            }

            settings = settings with { Otlp = true, OtlpEndpoint = endpoint, OtlpProtocol = protocol };
        }

        if (Value("PERF_METRICS_PROMETHEUS") is { } prometheus)
        {
            if (!IPEndPoint.TryParse(prometheus, out var address) || !prometheus.Contains(':', StringComparison.Ordinal) || address.Port is 0)
            {
                problems.Add($"PERF_METRICS_PROMETHEUS='{prometheus}' must be a loopback address and port, e.g. 127.0.0.1:9464.");
            }
            else if (!IPAddress.IsLoopback(address.Address))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"PERF_METRICS_PROMETHEUS='{prometheus}' is not a loopback address: the scrape endpoint has no authentication, so it listens on 127.0.0.1 or [::1] only (e.g. 127.0.0.1:{address.Port})."));
            }
            else
            {
                settings = settings with { Prometheus = address };
            }
        }

        return problems.Count > 0 ? throw new PerfSettingsException(problems) : settings;
    }
}
