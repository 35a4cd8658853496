using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfSuite.Tests.Http;

/// <summary>
/// A real loopback server on raw sockets that answers each request with the exact bytes a test scripts, so the lean
/// HTTP/1.1 client meets chunked bodies, bodies ending at close, redirects, idle closes and drops as a real server sends
/// them. Records every request (head and body) and connection.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ScriptedRequest, ScriptedReply> _reply;
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _requests;
    private int _accepted;

    public ScriptedHttpServer(Func<ScriptedRequest, ScriptedReply> reply)
    {
        _reply = reply;
        _listener.Start(64);
        _accepting = AcceptAsync();
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Connections => Volatile.Read(ref _accepted);

    public List<ScriptedRequest> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(5));
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    /// <summary>A 200 with a body and Content-Length.</summary>
    public static ScriptedReply Ok(string body = "ok", string extraHeaders = "") =>
        new($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{extraHeaders}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(ServeAsync(socket, connection));
            }
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var onConnection = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                }

                var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                var length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(l => int.Parse(l[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                while (filled < headEnd + 4 + length)
                {
                    filled += await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                }

                var body = Encoding.UTF8.GetString(buffer, headEnd + 4, length);
                Buffer.BlockCopy(buffer, headEnd + 4 + length, buffer, 0, filled - headEnd - 4 - length);
                filled -= headEnd + 4 + length;
                var request = new ScriptedRequest(Interlocked.Increment(ref _requests), connection, ++onConnection, head, body);
                lock (Requests)
                {
                    Requests.Add(request);
                }

                var reply = _reply(request);
                foreach (var part in reply.Parts)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(part), _stop.Token);
                }

                foreach (var part in reply.Bytes ?? [])
                {
                    await socket.SendAsync(part, _stop.Token);
                }

                if (reply.Reset)
                {
                    // After the parts, if any: an RST in the middle of a response.
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    return;
                }

                if (reply.CloseAfter is { } after)
                {
                    await Task.Delay(after, _stop.Token);
                    socket.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server stops.
        }
        finally
        {
            socket.Dispose();
        }
    }
}

/// <summary>A request as the server read it: its number over the run and on its connection, the head and the body.</summary>
internal sealed record ScriptedRequest(int Number, int Connection, int OnConnection, string Head, string Body)
{
    public string RequestLine => Head.Split("\r\n")[0];
}

/// <summary>The bytes to send (each part in its own write), then optionally close after a delay, or reset (at once, or after the parts).</summary>
internal sealed record ScriptedReply(params string[] Parts)
{
    public TimeSpan? CloseAfter { get; init; }

    public bool Reset { get; init; }

    /// <summary>Raw bytes sent after <see cref="Parts"/> (each array in its own write), for what is not text (websocket frames).</summary>
    public byte[][]? Bytes { get; init; }

    /// <summary>Close without sending anything.</summary>
    public static ScriptedReply Drop { get; } = new() { CloseAfter = TimeSpan.Zero };
}
