using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace PerfSuite.Hosting.Containers;

/// <summary>
/// The Docker engine containers run on: whether one answers, and whether Testcontainers, as the user configured it, can talk
/// to it. Reads settings only: it never changes the process environment or Testcontainers' settings, which are the user's.
/// </summary>
public static class DockerEngine
{
    /// <summary>
    /// The API version Testcontainers 4.16 (Docker.DotNet.Enhanced 4.3) requests when neither <c>DOCKER_API_VERSION</c> nor
    /// <c>docker.api.version</c> says otherwise; an engine whose API is older (Docker 20.10 speaks 1.41) refuses it.
    /// </summary>
    private static readonly Version TestcontainersDefaultApi = new(1, 44);

    /// <summary>
    /// Asks the engine for its version, at most <paramref name="timeout"/>, and checks that Testcontainers can use it with the
    /// user's settings. Never throws for an engine that is missing, broken or too old: the status says why and what to do.
    /// </summary>
    /// <param name="timeout">How long the engine may take to answer (e.g. 5 s).</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>Whether an engine answers that Testcontainers can use, its version, or why there is none.</returns>
    public static async Task<DockerEngineStatus> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";
        string? version;
        string? api;
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);

            // The unversioned /version route answers on every engine, old or new, before any API version is chosen.
            using var http = CreateHttpClient(new Uri(endpoint), timeout);
            using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/version", UriKind.Relative), bounded.Token).ConfigureAwait(false));
            version = document.RootElement.GetProperty("Version").GetString();
            api = document.RootElement.GetProperty("ApiVersion").GetString();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DockerEngineStatus(false, $"no Docker engine answered at {endpoint} within {timeout.TotalSeconds:0} s", null);
        }
#pragma warning disable CA1031 // Any failure to reach the engine is the reason the container tests skip, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new DockerEngineStatus(false, $"no Docker engine reachable at {endpoint} ({e.GetBaseException().Message}); start a Docker engine, or set DOCKER_HOST to one that runs", null);
        }

        var engine = $"Docker {version} (API {api}) at {endpoint}";
        return TestcontainersProblem(engine, Version.TryParse(api, out var parsed) ? parsed : null) is { } problem
            ? new DockerEngineStatus(false, problem, api)
            : new DockerEngineStatus(true, engine, api);
    }

    /// <summary>A Docker API client for the engine Testcontainers uses (same endpoint and API version).</summary>
    /// <returns>The client; dispose it.</returns>
    /// <exception cref="InvalidOperationException">Testcontainers found no engine it can use (see <see cref="ProbeAsync"/>).</exception>
    internal static IDockerClient CreateClient() =>
        (TestcontainersSettings.OS.DockerEndpointAuthConfig
            ?? throw new InvalidOperationException("Testcontainers found no Docker engine it can use with its settings (DOCKER_HOST, DOCKER_API_VERSION, ~/.testcontainers.properties)."))
        .GetDockerClientBuilder(Guid.Empty).Build();

    /// <summary>
    /// Why Testcontainers, with the settings it read from the environment and <c>~/.testcontainers.properties</c>, cannot use
    /// the engine that answered; <c>null</c> when it can. Reading <see cref="TestcontainersSettings"/> here is what its first
    /// container would do anyway: the settings are read once per process, so a fix takes a new process.
    /// </summary>
    private static string? TestcontainersProblem(string engine, Version? engineApi)
    {
        var resolved = TestcontainersSettings.OS.DockerEndpointAuthConfig;
        var requested = resolved?.Version
            ?? (Version.TryParse(Environment.GetEnvironmentVariable("DOCKER_API_VERSION"), out var configured) ? configured : TestcontainersDefaultApi);
        if (engineApi is not null && requested > engineApi)
        {
            var pin = engineApi.ToString(2);
            return $"{engine} is older than the API {requested.ToString(2)} Testcontainers requests, and refuses it; "
                + $"set DOCKER_API_VERSION={pin} in the environment the tests start in (or docker.api.version={pin} in ~/.testcontainers.properties)";
        }

        return resolved is null
            ? $"{engine} answers, but Testcontainers found no engine it can use with its settings (DOCKER_HOST, DOCKER_API_VERSION, ~/.testcontainers.properties)"
            : null;
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
