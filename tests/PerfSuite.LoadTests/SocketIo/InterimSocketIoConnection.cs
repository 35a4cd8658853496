using System.Collections.Concurrent;
using System.Text.Json;
using PerfSuite.Fixtures.SocketIo;
using SocketIOClient;

namespace PerfSuite.LoadTests.SocketIo;

/// <summary>
/// Stand-in for the lean Socket.IO client (branch <c>socketio</c>) until it lands on main: adapts SocketIOClient 3.0.6 to
/// <see cref="ISocketIoConnection"/>. Its connect latency includes the package's own overhead, so Websockets budgets
/// measured through it are loose. Delete this file when <see cref="CsrLoadFixture"/> switches to <c>SocketIoClient.ConnectAsync</c>.
/// </summary>
internal sealed class InterimSocketIoConnection : ISocketIoConnection
{
    private readonly SocketIOClient.SocketIO socket;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TaskCompletionSource<SocketIoMessage>>> waiters = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private InterimSocketIoConnection(SocketIOClient.SocketIO socket) => this.socket = socket;

    public bool IsConnected => socket.Connected;

    public string SessionId => socket.Id ?? string.Empty;

    public static async Task<ISocketIoConnection> ConnectAsync(SocketIoConnectOptions options, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(options.Headers);
        if (options.Cookies.Count > 0)
        {
            headers["Cookie"] = string.Join("; ", options.Cookies.Select(c => $"{c.Key}={c.Value}"));
        }

        var socket = new SocketIOClient.SocketIO(options.BaseUri, new SocketIOOptions
        {
            Path = options.Path,
            Transport = SocketIOClient.Transport.TransportProtocol.WebSocket,
            ExtraHeaders = headers,
            Reconnection = false,
        });
        var connection = new InterimSocketIoConnection(socket);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        socket.OnConnected += (_, _) => connected.TrySetResult();
        socket.OnError += (_, e) => connected.TrySetException(new SocketIoException($"Socket.IO connection refused: {e}") { ConnectionRefused = true });
        socket.OnDisconnected += (_, reason) => connection.Close(reason);
        try
        {
            await socket.ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

            // SocketIOClient 3.0.6 returns from ConnectAsync before the namespace CONNECT acknowledgement.
            await connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task EmitAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken) =>
        socket.EmitAsync(eventName, args.ToArray()).WaitAsync(cancellationToken);

    public async Task<SocketIoMessage> EmitWithAckAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        var ack = new TaskCompletionSource<SocketIoMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await socket.EmitAsync(eventName, response => ack.TrySetResult(ToMessage(null, response)), args.ToArray()).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await Either(ack.Task, cancellationToken).ConfigureAwait(false);
    }

    public Task<SocketIoMessage> WaitForEventAsync(string eventName, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<SocketIoMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = waiters.GetOrAdd(eventName, name =>
        {
            socket.On(name, response => Deliver(name, response));
            return new ConcurrentQueue<TaskCompletionSource<SocketIoMessage>>();
        });
        queue.Enqueue(waiter);
        return Either(waiter.Task, cancellationToken);
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (socket.Connected)
        {
            await socket.DisconnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Close("client disconnect");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            socket.Dispose();
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or ObjectDisposedException or NullReferenceException)
        {
            // 3.0.6 throws from Dispose on a client that never connected; nothing is left open then.
        }
    }

    private static SocketIoMessage ToMessage(string? eventName, SocketIOResponse response)
    {
        var items = Enumerable.Range(0, response.Count).Select(i => response.GetValue(i).GetRawText());
        using var document = JsonDocument.Parse("[" + string.Join(",", items) + "]");
        return new SocketIoMessage(eventName, document.RootElement.Clone(), []);
    }

    private void Deliver(string eventName, SocketIOResponse response)
    {
        if (waiters.TryGetValue(eventName, out var queue))
        {
            var message = ToMessage(eventName, response);
            while (queue.TryDequeue(out var waiter))
            {
                waiter.TrySetResult(message);
            }
        }
    }

    private void Close(string reason) =>
        closed.TrySetException(new SocketIoException($"The Socket.IO connection closed ({reason})."));

    private async Task<T> Either<T>(Task<T> result, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(result, closed.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first == closed.Task && !result.IsCompleted)
        {
            await closed.Task.ConfigureAwait(false);
        }

        return await result.ConfigureAwait(false);
    }
}
