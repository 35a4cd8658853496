using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>
/// A virtual user's plain-HTTP client: one keep-alive connection of its own (a user sends one request at a time, so a
/// second one would never be used), reopened when the server closed it while idle. Follows same-origin redirects as
/// HttpClient does. An attempt the server drops is an error unless <c>retryDropped</c> is set, in which case a request whose
/// reused connection the server dropped before any response byte is sent once more on a new connection, as a browser does,
/// and the retry is reported as its own figure.
/// </summary>
internal sealed class Http1Client(Http1Origin origin, bool retryDropped, long? maxBodyBytes = null, Http1Connector? connect = null) : IDisposable
{
    /// <summary>Redirects followed per request at most (HttpClient's default).</summary>
    public const int MaxRedirects = 50;

    private Http1Connection? _connection;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(Http1Response Response, int Retried)> SendAsync(
        string method,
        string target,
        string? bearer,
        KeyValuePair<string, string>[] headers,
        ReadOnlyMemory<byte> body,
        bool collectBody,
        CancellationToken cancellationToken,
        bool followRedirects = true)
    {
        var redirects = 0;
        var retried = 0;
        while (true)
        {
            var connection = _connection;
            var reused = connection is not null && connection.IsIdleAlive();
            if (!reused)
            {
                Drop();
                connection = await Http1Connection.ConnectAsync(origin.EndPoint, cancellationToken, connect).ConfigureAwait(false);
                _connection = connection;
            }

            Http1Response response;
            try
            {
                response = await connection!.SendAsync(new Http1Request(method, target, origin.Host, bearer, headers, body), collectBody, cancellationToken, maxBodyBytes).ConfigureAwait(false);
            }
            catch (ServerDroppedRequestException) when (retryDropped && reused && retried == 0)
            {
                Drop();
                retried++;
                continue;
            }
            catch
            {
                Drop();
                throw;
            }

            if (!connection.Reusable)
            {
                Drop();
            }

            if (followRedirects && response.Status is 301 or 302 or 303 or 307 or 308 && response.Location is { } location && redirects < MaxRedirects
                && origin.TryRedirect(target, location, out var next))
            {
                redirects++;
                target = next;
                if (response.Status == 303 || (response.Status is 301 or 302 && method == "POST"))
                {
                    method = "GET";
                    body = default;
                }

                continue;
            }

            return (response, retried);
        }
    }

    public void Dispose() => Drop();

    private void Drop()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
