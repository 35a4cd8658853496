using System.Collections.Concurrent;
using System.Text.Json;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

/// <summary>
/// A Socket.IO connection that acknowledges every emit and answers <c>joinRoom</c> with <c>joinRoomSuccess</c>,
/// recording the order of calls so tests can check that a wait is registered before its emit. Acknowledgements and
/// events carry the given arguments (a JSON array; default none).
/// </summary>
internal sealed class FakeSocketIoConnection(SocketIoConnectOptions options, string ackArguments = "[]", string eventArguments = "[]") : ISocketIoConnection
{
    private readonly SocketIoMessage _ack = new(null, JsonDocument.Parse(ackArguments).RootElement, []);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SocketIoMessage>> _waits = new();

    public SocketIoConnectOptions Options { get; } = options;

    public ConcurrentQueue<string> Calls { get; } = new();

    public bool IsConnected { get; private set; } = true;

    public string SessionId => "fake-sid";

    public bool Disposed { get; private set; }

    public Task EmitAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"emit {eventName} {string.Join(",", args)}");
        if (eventName == "joinRoom" && _waits.TryRemove("joinRoomSuccess", out var wait))
        {
            wait.TrySetResult(new SocketIoMessage("joinRoomSuccess", JsonDocument.Parse(eventArguments).RootElement, []));
        }

        return Task.CompletedTask;
    }

    public Task<SocketIoMessage> EmitWithAckAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"ack {eventName} {string.Join(",", args)}");
        return Task.FromResult(_ack);
    }

    public Task<SocketIoMessage> WaitForEventAsync(string eventName, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"wait {eventName}");
        var wait = _waits.GetOrAdd(eventName, _ => new TaskCompletionSource<SocketIoMessage>());
        cancellationToken.Register(() => wait.TrySetCanceled(cancellationToken));
        return wait.Task;
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Calls.Enqueue("disconnect");
        IsConnected = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        IsConnected = false;
        return ValueTask.CompletedTask;
    }
}
