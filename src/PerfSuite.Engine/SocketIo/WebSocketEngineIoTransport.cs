using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace PerfSuite.Engine.SocketIo;

/// <summary>Engine.IO v4 over a <see cref="ClientWebSocket"/>, straight to the websocket transport (no polling upgrade).</summary>
internal sealed class WebSocketEngineIoTransport : IEngineIoTransport
{
    /// <summary>
    /// One handler for every connection: ClientWebSocket would otherwise build a handler per connect.
    /// No proxy, no cookie container: the target is addressed directly and cookies travel as a header.
    /// </summary>
    private static readonly HttpMessageInvoker SharedInvoker = new(
        new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false },
        disposeHandler: false);

    /// <summary>Size of the pooled buffer a frame is read into (Engine.IO pings and small events fit in one).</summary>
    private const int FrameBufferSize = 4096;

    private readonly WebSocket _socket;

    // Internal for the fuzz target that feeds it frames from a stream (tests/PerfSuite.Fuzz).
    internal WebSocketEngineIoTransport(WebSocket socket) => _socket = socket;

    /// <summary>
    /// Opens the websocket; the upgrade request carries <paramref name="headers"/>. <c>ws://</c> upgrades a plain socket
    /// itself (<see cref="WebSocketUpgrade"/>: a held connection then costs a few KB less), <c>wss://</c> goes through
    /// <see cref="ClientWebSocket"/> for its TLS.
    /// </summary>
    /// <exception cref="SocketIoException">The TCP connection or the upgrade was refused.</exception>
    public static async Task<WebSocketEngineIoTransport> ConnectAsync(
        Uri uri,
        IEnumerable<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
        if (uri.Scheme == "ws")
        {
            return new WebSocketEngineIoTransport(await WebSocketUpgrade.ConnectAsync(uri, headers, cancellationToken).ConfigureAwait(false));
        }

        var socket = new ClientWebSocket();
        try
        {
            // Engine.IO pings at its own level; websocket keep-alives would only add traffic.
            socket.Options.KeepAliveInterval = TimeSpan.Zero;

            // So a refused upgrade can be reported with its HTTP status, in the same vocabulary as an HTTP step.
            socket.Options.CollectHttpResponseDetails = true;
            foreach (var (name, value) in headers)
            {
                socket.Options.SetRequestHeader(name, value);
            }

            await socket.ConnectAsync(uri, SharedInvoker, cancellationToken).ConfigureAwait(false);

            // The upgrade's response headers are only wanted when it is refused; a held connection need not keep them.
            socket.HttpResponseHeaders = null;
            return new WebSocketEngineIoTransport(socket);
        }
        catch (Exception exception) when (exception is WebSocketException or HttpRequestException)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();

            // Some cancellations surface as a failed upgrade; the caller's token decides which one it was.
            cancellationToken.ThrowIfCancellationRequested();
            throw new SocketIoException($"Could not open the Socket.IO websocket {uri}: {exception.Message}", exception)
            {
                HandshakeStatus = status is >= 100 and < 600 and not 101 ? status : null,
            };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits for the next frame without holding a buffer (a zero-byte receive completes once a data frame's header has
    /// arrived), then reads it into a buffer rented for that frame only: an idle held connection owns no receive buffer.
    /// </summary>
    public async ValueTask<EngineIoFrame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var first = await _socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        if (first.EndOfMessage)
        {
            return ToFrame(first.MessageType, []);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(FrameBufferSize);
        var written = 0;
        try
        {
            while (true)
            {
                if (written == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(written), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                written += result.Count;
                if (result.EndOfMessage)
                {
                    return ToFrame(result.MessageType, buffer.AsSpan(0, written));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static EngineIoFrame ToFrame(WebSocketMessageType type, ReadOnlySpan<byte> payload) =>
        type == WebSocketMessageType.Text
            ? EngineIoFrame.FromText(Encoding.UTF8.GetString(payload))
            : EngineIoFrame.FromBinary(payload.ToArray());

    public ValueTask SendTextAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text).AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public ValueTask SendBinaryAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _socket.SendAsync(data, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    public async Task CloseOutputAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or InvalidOperationException)
        {
            // The peer closed or aborted at the same moment; there is nothing left to close gracefully.
        }
    }

    public void Abort() => _socket.Abort();

    public void Dispose() => _socket.Dispose();
}
