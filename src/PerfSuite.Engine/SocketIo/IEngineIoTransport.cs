namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// A message-oriented duplex channel carrying Engine.IO v4 packets (a websocket in production, a fake in tests).
/// At most one receive and one send run at a time; the connection serializes sends.
/// </summary>
internal interface IEngineIoTransport : IDisposable
{
    /// <summary>Receives the next complete message, or <c>null</c> when the peer closed the channel.</summary>
    ValueTask<EngineIoFrame?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one text message.</summary>
    ValueTask SendTextAsync(string text, CancellationToken cancellationToken);

    /// <summary>Sends one binary message.</summary>
    ValueTask SendBinaryAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Starts a graceful close (sends the close frame); a no-op when already closing or closed.</summary>
    Task CloseOutputAsync(CancellationToken cancellationToken);

    /// <summary>Tears the channel down at once; pending receives and sends fail. Never throws.</summary>
    void Abort();
}
