namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// One connected Socket.IO (v5 protocol over Engine.IO v4, websocket transport) client connection.
/// Safe for concurrent use: emits and acknowledgements from several tasks do not lose acks.
/// </summary>
public interface ISocketIoConnection : IAsyncDisposable
{
    /// <summary>True from the namespace CONNECT acknowledgement until a disconnect or transport close.</summary>
    bool IsConnected { get; }

    /// <summary>Socket.IO session id assigned by the server in the CONNECT acknowledgement.</summary>
    string SessionId { get; }

    /// <summary>Sends an event. Byte-array arguments are sent as binary attachments.</summary>
    Task EmitAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken);

    /// <summary>
    /// Sends an event that asks for an acknowledgement and completes with the acknowledgement's arguments.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires first
    /// and <see cref="SocketIoException"/> when the connection closes first.
    /// </summary>
    Task<SocketIoMessage> EmitWithAckAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the next event named <paramref name="eventName"/> received after this call.
    /// The wait is registered synchronously before the method returns, so calling it before the triggering emit never misses the event.
    /// </summary>
    Task<SocketIoMessage> WaitForEventAsync(string eventName, CancellationToken cancellationToken);

    /// <summary>Sends a namespace DISCONNECT, closes the websocket and fails pending waits. Idempotent.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);
}
