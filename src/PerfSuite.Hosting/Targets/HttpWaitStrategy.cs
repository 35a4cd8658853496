using System.Net;

namespace PerfSuite.Hosting.Targets;

/// <summary>Ready when an HTTP GET of <see cref="Path"/> answers <see cref="ExpectedStatus"/>.</summary>
public sealed class HttpWaitStrategy : IWaitStrategy, IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Creates the strategy for a path relative to the target's base URL.</summary>
    public HttpWaitStrategy(string path, HttpStatusCode expectedStatus = HttpStatusCode.OK)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        ExpectedStatus = expectedStatus;
    }

    /// <summary>The path polled, e.g. <c>/api/v1/healthz</c>.</summary>
    public string Path { get; }

    /// <summary>The status that means ready.</summary>
    public HttpStatusCode ExpectedStatus { get; }

    /// <inheritdoc />
    public string Description => $"GET {Path} answers {(int)ExpectedStatus}";

    /// <inheritdoc />
    public async Task<bool> IsReadyAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(baseUri, Path), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == ExpectedStatus;
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
    public void Dispose() => client.Dispose();
}
