using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace PerfSuite.Hosting.Containers;

/// <summary>
/// The Docker engine containers run on: whether one answers, and the Testcontainers settings this machine needs
/// (an old engine's API version, no Ryuk, loopback as the container host), each applied only where the user set none.
/// </summary>
public static class DockerEngine
{
    /// <summary>Engines whose API is older than this (Docker 20.10 speaks 1.41) get <c>DOCKER_API_VERSION</c> pinned to their own.</summary>
    private static readonly Version OldestDefaultApi = new(1, 44);
    private static readonly Lock Gate = new();
    private static bool defaultsApplied;

    /// <summary>
    /// Asks the engine for its version, at most <paramref name="timeout"/>, and applies the Testcontainers defaults when one
    /// answers. Never throws for an engine that is missing or broken: the status says why.
    /// </summary>
    /// <param name="timeout">How long the engine may take to answer (e.g. 5 s).</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>Whether an engine answers, its version, or why none does.</returns>
    public static async Task<DockerEngineStatus> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);

            // The unversioned /version route answers on every engine, old or new, before any API version is chosen.
            using var http = CreateHttpClient(new Uri(endpoint), timeout);
            using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/version", UriKind.Relative), bounded.Token).ConfigureAwait(false));
            var version = document.RootElement.GetProperty("Version").GetString();
            var api = document.RootElement.GetProperty("ApiVersion").GetString();
            ApplyTestcontainersDefaults(Version.TryParse(api, out var parsed) ? parsed : null);
            return new DockerEngineStatus(true, $"Docker {version} (API {api}) at {endpoint}", api);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DockerEngineStatus(false, $"no Docker engine answered at {endpoint} within {timeout.TotalSeconds:0} s", null);
        }
#pragma warning disable CA1031 // Any failure to reach the engine is the reason the container tests skip, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new DockerEngineStatus(false, $"no Docker engine reachable at {endpoint} ({e.GetBaseException().Message}); start one (dockerd), or run 'bash .ci/run', which starts it", null);
        }
    }

    /// <summary>
    /// Sets, only where the process environment has none: <c>DOCKER_API_VERSION</c> to the engine's API when that is older
    /// than Testcontainers expects (Docker 20.10 speaks 1.41), <c>TESTCONTAINERS_RYUK_DISABLED=true</c> (Ryuk's image cannot be
    /// pulled where no registry is reachable; <see cref="ContainerReaper"/> does its job) and
    /// <c>TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1</c>. Must run before Testcontainers reads its settings (first container).
    /// </summary>
    /// <param name="engineApi">The engine's API version; <c>null</c> when unknown.</param>
    public static void ApplyTestcontainersDefaults(Version? engineApi)
    {
        lock (Gate)
        {
            if (defaultsApplied)
            {
                return;
            }

            if (engineApi is not null && engineApi < OldestDefaultApi)
            {
                SetIfUnset("DOCKER_API_VERSION", engineApi.ToString(2));
            }

            SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");
            SetIfUnset("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
            defaultsApplied = true;
        }
    }

    /// <summary>A Docker API client for the engine Testcontainers uses (same endpoint and API version).</summary>
    /// <returns>The client; dispose it.</returns>
    internal static IDockerClient CreateClient() =>
        TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder(Guid.Empty).Build();

    private static void SetIfUnset(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static HttpClient CreateHttpClient(Uri endpoint, TimeSpan timeout)
    {
        if (endpoint.Scheme == "unix")
        {
            var socketPath = endpoint.AbsolutePath;
            var handler = new SocketsHttpHandler
            {
                UseProxy = false,
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker.sock"), Timeout = timeout };
        }

        var http = new UriBuilder(endpoint) { Scheme = Uri.UriSchemeHttp }.Uri;
        return new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = http, Timeout = timeout };
    }
}
