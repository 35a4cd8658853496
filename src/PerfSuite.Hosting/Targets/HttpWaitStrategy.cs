using System.Globalization;
using System.Net;

namespace PerfSuite.Hosting.Targets;

/// <summary>Ready when an HTTP GET of <see cref="Path"/> answers <see cref="ExpectedStatus"/> (or, from <see cref="AnySuccess"/>, any 2xx).</summary>
public sealed class HttpWaitStrategy : IWaitStrategy, IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    private bool _anySuccess;

    /// <summary>Creates the strategy for a path relative to the target's base URL.</summary>
    public HttpWaitStrategy(string path, HttpStatusCode expectedStatus = HttpStatusCode.OK)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        ExpectedStatus = expectedStatus;
    }

    /// <summary>Creates the strategy that is ready on any 2xx answer of <paramref name="path"/>.</summary>
    /// <param name="path">The path, relative to the target's base URL.</param>
    /// <returns>The strategy.</returns>
    public static HttpWaitStrategy AnySuccess(string path) => new(path) { _anySuccess = true };

    /// <summary>The path polled, e.g. <c>/api/v1/healthz</c>.</summary>
    public string Path { get; }

    /// <summary>The status that means ready.</summary>
    public HttpStatusCode ExpectedStatus { get; }

    /// <inheritdoc />
    public string Description => $"GET {Path} answers {(_anySuccess ? "2xx" : ((int)ExpectedStatus).ToString(CultureInfo.InvariantCulture))}";

    /// <inheritdoc />
    public async Task<bool> IsReadyAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(new Uri(baseUri, Path), cancellationToken).ConfigureAwait(false);
            return _anySuccess ? response.IsSuccessStatusCode : response.StatusCode == ExpectedStatus;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
