using System.Net;
using System.Net.Http.Headers;
using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// Drives the in-process sampler of a remote server through the HTTP control it serves only when configured
/// (<c>PERFSUITE_SAMPLER_LISTEN</c>, <c>PERFSUITE_SAMPLER_TOKEN</c> on the server): <c>POST /record</c>,
/// <c>POST /stop</c>, <c>GET /dump</c>, each with <c>Authorization: Bearer</c>. The token is never part of a message,
/// a log line or a report: <see cref="Description"/> and every error name the address only.
/// </summary>
public sealed class SamplerEndpoint : ISamplerControl, IDisposable
{
    /// <summary>The variable naming the sampler's endpoint for the tests, e.g. <c>http://10.0.0.5:9911</c>.</summary>
    public const string UrlVariable = "PERF_SAMPLER_URL";

    /// <summary>The variable holding the bearer token for <see cref="UrlVariable"/>.</summary>
    public const string TokenVariable = "PERF_SAMPLER_TOKEN";

    private readonly HttpClient _client;
    private readonly Uri _address;

    /// <summary>Uses the endpoint at <paramref name="address"/> with <paramref name="token"/>.</summary>
    /// <param name="address">The endpoint, <c>http://host:port</c>.</param>
    /// <param name="token">The bearer token (at least 16 characters).</param>
    /// <param name="handler">The HTTP handler; default a new one. Disposed with this.</param>
    public SamplerEndpoint(Uri address, string token, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(token);
        if (!address.IsAbsoluteUri || address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"{UrlVariable}='{address}' must be an absolute http(s) URL.", nameof(address));
        }

        if (token.Length < 16)
        {
            throw new ArgumentException($"{TokenVariable} must hold at least 16 characters (it has {token.Length}).", nameof(token));
        }

        _address = new Uri(address.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped));
        _client = new HttpClient(handler ?? new HttpClientHandler(), disposeHandler: true) { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(15) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <inheritdoc />
    public string Description => $"the in-process sampler's endpoint {_address}";

    /// <inheritdoc />
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(new Uri("/ping", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.NotFound => null, // answered and accepted the token
                HttpStatusCode.Unauthorized => $"{Description} refused the token ({TokenVariable}): 401",
                var other => $"{Description} answered {(int)other}",
            };
        }
        catch (HttpRequestException e)
        {
            return $"{Description} does not answer: {e.Message}";
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(string recordingId, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, "/record?id=" + SamplerFolder.Check(recordingId), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<CollapsedStacks> StopAsync(string recordingId, CancellationToken cancellationToken) =>
        CollapsedStacks.Parse(await SendAsync(HttpMethod.Post, "/stop?id=" + SamplerFolder.Check(recordingId), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<string> DumpAsync(string dumpId, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, "/dump", cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<string> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? text
                : throw new ProfilerException($"{Description} answered {(int)response.StatusCode} to {method} {path.Split('?')[0]}{(response.StatusCode == HttpStatusCode.Unauthorized ? $": the token ({TokenVariable}) was refused" : string.Empty)}.");
        }
        catch (HttpRequestException e)
        {
            throw new ProfilerException($"{Description} does not answer {method} {path.Split('?')[0]}: {e.Message}", e);
        }
    }
}
