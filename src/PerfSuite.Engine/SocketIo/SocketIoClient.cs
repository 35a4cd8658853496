namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Opens lean Socket.IO v5 connections: Engine.IO v4 straight over a websocket, no polling upgrade.
/// Connect latency measured through it is the server's: the returned task completes exactly when the
/// namespace CONNECT acknowledgement (<c>40{"sid":...}</c>) arrives.
/// </summary>
public static class SocketIoClient
{
    /// <summary>Connects and completes on the server's namespace CONNECT acknowledgement.</summary>
    /// <exception cref="SocketIoException">
    /// The server refused the namespace (<see cref="SocketIoException.ConnectionRefused"/> is true and the message carries the
    /// server's reason), or the TCP connection, the websocket upgrade or the Engine.IO handshake failed, or the server closed first.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static Task<ISocketIoConnection> ConnectAsync(SocketIoConnectOptions options, CancellationToken cancellationToken) =>
        ConnectAsync(options, TimeProvider.System, cancellationToken);

    /// <summary>As <see cref="ConnectAsync(SocketIoConnectOptions, CancellationToken)"/>, with the clock that times the ping watchdog.</summary>
    public static async Task<ISocketIoConnection> ConnectAsync(
        SocketIoConnectOptions options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var transport = await WebSocketEngineIoTransport
            .ConnectAsync(WebSocketUri(options), UpgradeHeaders(options), cancellationToken)
            .ConfigureAwait(false);
        return await SocketIoConnection.OpenAsync(transport, options, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>ws(s)://host:port{base path}{Path}/?EIO=4&amp;transport=websocket</c>.</summary>
    public static Uri WebSocketUri(SocketIoConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scheme = options.BaseUri.Scheme switch
        {
            "https" or "wss" => "wss",
            "http" or "ws" => "ws",
            var other => throw new ArgumentException($"Scheme '{other}' is not http, https, ws or wss.", nameof(options)),
        };
        var path = options.BaseUri.AbsolutePath.TrimEnd('/') + "/" + options.Path.Trim('/') + "/";
        return new UriBuilder(scheme, options.BaseUri.Host, options.BaseUri.Port, path, "?EIO=4&transport=websocket").Uri;
    }

    private static IEnumerable<KeyValuePair<string, string>> UpgradeHeaders(SocketIoConnectOptions options)
    {
        foreach (var header in options.Headers)
        {
            yield return header;
        }

        if (options.Cookies.Count > 0)
        {
            yield return new("Cookie", string.Join("; ", options.Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }
    }
}
