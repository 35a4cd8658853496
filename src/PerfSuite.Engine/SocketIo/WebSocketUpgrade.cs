using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// The RFC 6455 client handshake on a plain TCP socket, then <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>
/// over a <see cref="NetworkStream"/>. A held connection then keeps a socket, a stream and the websocket's small frame
/// buffer, and none of what <see cref="ClientWebSocket"/> keeps for its lifetime (an HTTP connection with 4 KB read and
/// write buffers, the upgrade request, its options and header collections). Used for <c>ws://</c>; <c>wss://</c> keeps
/// <see cref="ClientWebSocket"/>.
/// </summary>
internal static class WebSocketUpgrade
{
    private const int MaxResponseHeaderBytes = 16 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>Connects, upgrades and returns the open websocket (it owns the socket).</summary>
    /// <exception cref="SocketIoException">The connection failed or the server did not switch protocols (<see cref="SocketIoException.HandshakeStatus"/> set when it answered another status).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static async Task<WebSocket> ConnectAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            EndPoint endPoint = IPAddress.TryParse(uri.DnsSafeHost, out var address)
                ? new IPEndPoint(address, uri.Port)
                : new DnsEndPoint(uri.DnsSafeHost, uri.Port);
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            await SendRequestAsync(socket, uri, key, headers, cancellationToken).ConfigureAwait(false);
            var (status, accept) = await ReadResponseHeadAsync(socket, cancellationToken).ConfigureAwait(false);
            if (status != 101)
            {
                throw new SocketIoException($"Could not open the Socket.IO websocket {uri}: the server answered the upgrade with status {status}.")
                {
                    HandshakeStatus = status is >= 100 and < 600 ? status : null,
                };
            }

            if (!string.Equals(accept, ExpectedAccept(key), StringComparison.Ordinal))
            {
                throw new SocketIoException($"Could not open the Socket.IO websocket {uri}: the server's Sec-WebSocket-Accept does not match the key.") { ProtocolViolation = true };
            }

            // Engine.IO pings at its own level; websocket keep-alives would only add traffic.
            return WebSocket.CreateFromStream(
                new NetworkStream(socket, ownsSocket: true),
                new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            socket.Dispose();

            // A cancellation may surface as an aborted socket operation; the caller's token decides which one it was.
            cancellationToken.ThrowIfCancellationRequested();
            throw new SocketIoException($"Could not open the Socket.IO websocket {uri}: {exception.Message}", exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The <c>Sec-WebSocket-Accept</c> a server must answer for <paramref name="key"/>.</summary>
    /// <remarks>SHA-1 is what RFC 6455 prescribes here; it checks the server understood the upgrade, it protects nothing.</remarks>
#pragma warning disable CA5350
    internal static string ExpectedAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350

    private static async Task SendRequestAsync(
        Socket socket, Uri uri, string key, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var request = new StringBuilder(256)
            .Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(uri.Authority).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n");
        foreach (var (name, value) in headers)
        {
            if (name.AsSpan().IndexOfAny("\r\n:") >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"The upgrade header '{name}' has a line break or a colon in its name, or a line break in its value.", nameof(headers));
            }

            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(request.Append("\r\n").ToString());
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the response head and not one byte more: the server may send its first websocket frame (the Engine.IO open
    /// packet) in the same segment, and that belongs to the websocket. Each read peeks first, then takes only what is head.
    /// </summary>
    private static async Task<(int Status, string? Accept)> ReadResponseHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = ArrayPool<byte>.Shared.Rent(MaxResponseHeaderBytes);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == MaxResponseHeaderBytes)
                {
                    throw new IOException($"The websocket upgrade response head is longer than {MaxResponseHeaderBytes} bytes.");
                }

                var peeked = await socket.ReceiveAsync(head.AsMemory(length, MaxResponseHeaderBytes - length), SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
                if (peeked == 0)
                {
                    // As an HTTP step would report a response that ended early: the kind is connection-reset.
                    throw new SocketIoException(
                        "The server closed the connection during the websocket upgrade.",
                        new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely during the websocket upgrade."));
                }

                if (!Http.Http1.ResponseHead.CanBeHttp(head.AsSpan(0, length + peeked)))
                {
                    // Named as an HTTP step names it (not-http), whatever else follows.
                    Http.Http1.ResponseHead.Parse(head.AsSpan(0, length + peeked));
                }

                var searchFrom = Math.Max(0, length - (HeaderEnd.Length - 1));
                var end = head.AsSpan(searchFrom, length + peeked - searchFrom).IndexOf(HeaderEnd);
                var take = end < 0 ? peeked : searchFrom + end + HeaderEnd.Length - length;
                while (take > 0)
                {
                    var taken = await socket.ReceiveAsync(head.AsMemory(length, take), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    if (taken == 0)
                    {
                        throw new IOException("The server closed the connection during the websocket upgrade.");
                    }

                    length += taken;
                    take -= taken;
                }

                if (end >= 0)
                {
                    return ParseHead(head.AsSpan(0, length));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    /// <summary>The status code and <c>Sec-WebSocket-Accept</c> of a response head (<c>HTTP/1.1 101 Switching Protocols</c> ...), read by the engine's one response-head parser.</summary>
    /// <param name="head">The head up to and including its final empty line.</param>
    /// <exception cref="Http.Http1.ResponseFaultException">Not HTTP (not-http) or malformed (malformed-head).</exception>
    internal static (int Status, string? Accept) ParseHead(ReadOnlySpan<byte> head)
    {
        if (head.EndsWith(HeaderEnd))
        {
            head = head[..^2];
        }

        var parsed = Http.Http1.ResponseHead.Parse(head, keepWebSocketAccept: true);
        return (parsed.Status, parsed.WebSocketAccept);
    }

    /// <inheritdoc cref="ParseHead(ReadOnlySpan{byte})"/>
    internal static (int Status, string? Accept) ParseHead(string head) => ParseHead(Encoding.ASCII.GetBytes(head));
}
