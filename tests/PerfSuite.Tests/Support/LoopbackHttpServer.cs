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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> statuses = new();
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly List<Task> connections = [];
    private long requests;
    private long answered;
    private long closed;
    private long reset;
    private long acceptedConnections;
    private long slowBodies;
    private long hung;

    public LoopbackHttpServer(Func<long, FaultBehaviour> behaviour)
    {
        Behaviour = behaviour;
        listener.Start(512);
        accepting = AcceptAsync();
    }

    /// <summary>What to do with request number n (1-based, over all connections).</summary>
    public Func<long, FaultBehaviour> Behaviour { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>Requests whose head was read completely.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Requests that got a complete response.</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>Requests whose connection was closed (FIN) without any response byte.</summary>
    public long ClosedWithoutResponse => Interlocked.Read(ref closed);

    /// <summary>Requests whose connection was reset (RST) without any response byte.</summary>
    public long Reset => Interlocked.Read(ref reset);

    public long Connections => Interlocked.Read(ref acceptedConnections);

    /// <summary>Responses whose head was sent at once and whose body was held back (<see cref="FaultKind.SlowBody"/>).</summary>
    public long SlowBodies => Interlocked.Read(ref slowBodies);

    /// <summary>Requests the server read and never answered (<see cref="FaultKind.Hang"/>): the connection stays open, silent.</summary>
    public long Hung => Interlocked.Read(ref hung);

    /// <summary>Complete responses with status <paramref name="status"/>, slow bodies not included (their client may have left).</summary>
    public long AnsweredWith(int status) => statuses.GetValueOrDefault(status);

    /// <summary>Stops accepting; the port then refuses connections (open ones are closed too).</summary>
    public void StopListening() => listener.Stop();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ConfigureAwait(false);
        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref acceptedConnections);
            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var filled = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var headEnd = -1;
                while ((headEnd = IndexOfHeadEnd(buffer, filled)) < 0)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                }

                // GET requests only: no body to skip.
                Buffer.BlockCopy(buffer, headEnd, buffer, 0, filled - headEnd);
                filled -= headEnd;
                var number = Interlocked.Increment(ref requests);
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
                Interlocked.Increment(ref closed);
                socket.Shutdown(SocketShutdown.Both);
                return false;
            case FaultKind.Reset:
                Interlocked.Increment(ref reset);
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return false;
            case FaultKind.Hang:
                // Silent until the client gives up (its close ends the wait) or the server stops.
                Interlocked.Increment(ref hung);
                var rest = new byte[1];
                while (await socket.ReceiveAsync(rest, stop.Token).ConfigureAwait(false) > 0)
                {
                }

                return false;
        }

        var body = "ok"u8.ToArray();
        var length = behaviour.Kind == FaultKind.LargeBody ? behaviour.BodyBytes : body.Length;
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {behaviour.Status} X\r\nContent-Type: text/plain\r\nContent-Length: {length}\r\n\r\n");
        await socket.SendAsync(head, stop.Token).ConfigureAwait(false);
        if (behaviour.Kind == FaultKind.SlowBody)
        {
            Interlocked.Increment(ref slowBodies);
            await Task.Delay(behaviour.Delay, stop.Token).ConfigureAwait(false);
        }

        if (behaviour.Kind == FaultKind.LargeBody)
        {
            for (var sent = 0; sent < length;)
            {
                var chunk = Math.Min(Zeros.Length, length - sent);
                sent += await socket.SendAsync(Zeros.AsMemory(0, chunk), stop.Token).ConfigureAwait(false);
            }
        }
        else
        {
            await socket.SendAsync(body, stop.Token).ConfigureAwait(false);
        }

        Interlocked.Increment(ref answered);
        if (behaviour.Kind != FaultKind.SlowBody)
        {
            statuses.AddOrUpdate(behaviour.Status, 1, (_, n) => n + 1);
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
