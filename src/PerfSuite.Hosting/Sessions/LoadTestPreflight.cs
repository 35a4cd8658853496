using System.Globalization;
using System.Net.Http.Headers;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Sessions;

/// <summary>
/// One request before any load: the target must answer (any status), and the scenario set's declared preflight path, sent
/// with the first user's token, must answer 2xx. Fails within <see cref="Timeout"/> with the cause, instead of a whole
/// profile of errors ending in budget lines.
/// </summary>
internal static class LoadTestPreflight
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends the preflight request; returns a line for the log.</summary>
    /// <exception cref="TargetStartException">The target is unreachable, or the preflight path did not answer 2xx.</exception>
    public static async Task<string> CheckAsync(Uri baseUri, ITokenProvider tokens, string? path, CancellationToken cancellationToken)
    {
        var relative = path ?? "/";
        var uri = new Uri(baseUri, relative);
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, ConnectTimeout = Timeout };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (path is not null && await tokens.GetTokenAsync(0, cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        int status;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new TargetStartException(
                $"preflight: the target {UrlRedaction.Redact(baseUri)} is not reachable: {ErrorKinds.ToKey(ErrorKinds.Classify(e))} ({e.Message}); no load was sent.");
        }

        if (path is null || status is >= 200 and < 300)
        {
            return string.Create(CultureInfo.InvariantCulture, $"preflight: GET {relative} answered {status}");
        }

        var cause = status switch
        {
            401 or 403 => "the server rejected the token (check PERF_TOKEN or the PERF_TOKEN_URL credentials)",
            404 => "the path does not exist there: is this the right server?",
            _ => "the server is not ready to serve the scenarios",
        };
        throw new TargetStartException(
            string.Create(CultureInfo.InvariantCulture, $"preflight: GET {relative} on {UrlRedaction.Redact(baseUri)} answered {status}: {cause}; no load was sent."));
    }
}
