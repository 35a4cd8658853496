using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfSuite.Tests.Support;

/// <summary>
/// A real HTTP/1.1 server on a loopback port, written on raw sockets so a test controls exactly what the server does
/// with each request (<see cref="Behaviour"/>) and counts what it did. Keep-alive; one task per connection.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    // Large bodies are sent from this one buffer, chunk by chunk: the server's own allocations stay small, so a test can
    // measure what the client allocates.
    private static readonly byte[] Zeros = new byte[64 * 1024];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _statuses = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _connections = [];
    private long _requests;
    private long _answered;
    private long _closed;
    private long _reset;
    private long _acceptedConnections;
    private long _slowBodies;
    private long _hung;

    public LoopbackHttpServer(Func<long, FaultBehaviour> behaviour)
    {
        Behaviour = behaviour;
        _listener.Start(512);
        _accepting = AcceptAsync();
    }

    /// <summary>What to do with request number n (1-based, over all connections).</summary>
    public Func<long, FaultBehaviour> Behaviour { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Requests whose head was read completely.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that got a complete response.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Requests whose connection was closed (FIN) without any response byte.</summary>
    public long ClosedWithoutResponse => Interlocked.Read(ref _closed);

    /// <summary>Requests whose connection was reset (RST) without any response byte.</summary>
    public long Reset => Interlocked.Read(ref _reset);

    public long Connections => Interlocked.Read(ref _acceptedConnections);

    /// <summary>Responses whose head was sent at once and whose body was held back (<see cref="FaultKind.SlowBody"/>).</summary>
    public long SlowBodies => Interlocked.Read(ref _slowBodies);

    /// <summary>Requests the server read and never answered (<see cref="FaultKind.Hang"/>): the connection stays open, silent.</summary>
    public long Hung => Interlocked.Read(ref _hung);

    /// <summary>Complete responses with status <paramref name="status"/>, slow bodies not included (their client may have left).</summary>
    public long AnsweredWith(int status) => _statuses.GetValueOrDefault(status);

    /// <summary>Stops accepting; the port then refuses connections (open ones are closed too).</summary>
    public void StopListening() => _listener.Stop();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _acceptedConnections);
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var headEnd = -1;
                while ((headEnd = IndexOfHeadEnd(buffer, filled)) < 0)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                }

                // GET requests only: no body to skip.
                Buffer.BlockCopy(buffer, headEnd, buffer, 0, filled - headEnd);
                filled -= headEnd;
                var number = Interlocked.Increment(ref _requests);
                var behaviour = Behaviour(number);
                if (!await RespondAsync(socket, behaviour).ConfigureAwait(false))
                {
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

    // Returns false when the connection must end.
    private async Task<bool> RespondAsync(Socket socket, FaultBehaviour behaviour)
    {
        switch (behaviour.Kind)
        {
            case FaultKind.Close:
                Interlocked.Increment(ref _closed);
                socket.Shutdown(SocketShutdown.Both);
                return false;
            case FaultKind.Reset:
                Interlocked.Increment(ref _reset);
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return false;
            case FaultKind.Hang:
                // Silent until the client gives up (its close ends the wait) or the server stops.
                Interlocked.Increment(ref _hung);
                var rest = new byte[1];
                while (await socket.ReceiveAsync(rest, _stop.Token).ConfigureAwait(false) > 0)
                {
                }

                return false;
        }

        var body = "ok"u8.ToArray();
        var length = behaviour.Kind == FaultKind.LargeBody ? behaviour.BodyBytes : body.Length;
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {behaviour.Status} X\r\nContent-Type: text/plain\r\nContent-Length: {length}\r\n\r\n");
        await socket.SendAsync(head, _stop.Token).ConfigureAwait(false);
        if (behaviour.Kind == FaultKind.SlowBody)
        {
            Interlocked.Increment(ref _slowBodies);
            await Task.Delay(behaviour.Delay, _stop.Token).ConfigureAwait(false);
        }

        if (behaviour.Kind == FaultKind.LargeBody)
        {
            for (var sent = 0; sent < length;)
            {
                var chunk = Math.Min(Zeros.Length, length - sent);
                sent += await socket.SendAsync(Zeros.AsMemory(0, chunk), _stop.Token).ConfigureAwait(false);
            }
        }
        else
        {
            await socket.SendAsync(body, _stop.Token).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _answered);
        if (behaviour.Kind != FaultKind.SlowBody)
        {
            _statuses.AddOrUpdate(behaviour.Status, 1, (_, n) => n + 1);
        }

        return true;
    }

    private static int IndexOfHeadEnd(byte[] buffer, int length)
    {
        var index = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : index + 4;
    }
}

public enum FaultKind
{
    Answer,
    Close,
    Reset,
    SlowBody,
    LargeBody,
    Hang,
}

/// <summary>What the server does with one request.</summary>
internal sealed record FaultBehaviour(FaultKind Kind, int Status = 200, TimeSpan Delay = default, int BodyBytes = 0)
{
    public static FaultBehaviour Ok { get; } = new(FaultKind.Answer);

    public static FaultBehaviour CloseWithoutResponse { get; } = new(FaultKind.Close);

    public static FaultBehaviour ResetConnection { get; } = new(FaultKind.Reset);
}
