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

    private readonly ClientWebSocket _socket;
    private readonly ArrayBufferWriter<byte> _message = new(4096);

    private WebSocketEngineIoTransport(ClientWebSocket socket) => _socket = socket;

    /// <summary>Opens the websocket; the upgrade request carries <paramref name="headers"/>.</summary>
    /// <exception cref="SocketIoException">The TCP connection or the upgrade was refused.</exception>
    public static async Task<WebSocketEngineIoTransport> ConnectAsync(
        Uri uri,
        IEnumerable<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
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

    public async ValueTask<EngineIoFrame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _message.ResetWrittenCount();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_message.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _message.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text
                    ? EngineIoFrame.FromText(Encoding.UTF8.GetString(_message.WrittenSpan))
                    : EngineIoFrame.FromBinary(_message.WrittenSpan.ToArray());
            }
        }
    }

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
