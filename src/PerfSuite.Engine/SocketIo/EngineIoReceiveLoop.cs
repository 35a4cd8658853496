using System.Net.WebSockets;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// The Engine.IO v4 half of a connection's single receive loop: answers pings at once, skips noops, collects
/// binary attachments and hands complete Socket.IO packets to the connection.
/// </summary>
/// <param name="transport">Where frames come from.</param>
/// <param name="sendText">Sends a text frame under the connection's send lock (used for pongs).</param>
/// <param name="onPing">Called on every ping, before the pong is sent (resets the liveness watchdog).</param>
/// <param name="dispatch">Handles a complete packet; returns a reason to end the loop, or <c>null</c> to go on.</param>
internal sealed class EngineIoReceiveLoop(
    IEngineIoTransport transport,
    Func<string, CancellationToken, Task> sendText,
    Action onPing,
    Func<SocketIoPacket, IReadOnlyList<byte[]>, SocketIoException?> dispatch)
{
    private readonly BinaryPacketAssembler _binary = new();

    /// <summary>True once the peer's close frame arrived: nothing more can be received.</summary>
    public bool PeerClosed { get; private set; }

    /// <summary>Runs until the transport closes, the connection ends or a protocol error; returns why. Never throws.</summary>
    public async Task<SocketIoException> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var frame = await transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (frame is not { } received)
                {
                    PeerClosed = true;
                    return new SocketIoException("The server closed the websocket.");
                }

                if (await HandleAsync(received, cancellationToken).ConfigureAwait(false) is { } end)
                {
                    return end;
                }
            }
        }
        catch (OperationCanceledException exception)
        {
            return new SocketIoException("The Socket.IO connection was closed.", exception);
        }
        catch (SocketIoException exception)
        {
            return exception;
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            return new SocketIoException($"The Socket.IO transport failed: {exception.Message}", exception);
        }
    }

    private async ValueTask<SocketIoException?> HandleAsync(EngineIoFrame frame, CancellationToken cancellationToken)
    {
        if (frame.Binary is { } attachment)
        {
            return _binary.Add(attachment) is { } done ? dispatch(done.Packet, done.Attachments) : null;
        }

        var text = frame.Text ?? string.Empty;
        switch (text.Length == 0 ? '\0' : text[0])
        {
            case '2':
                onPing();
                await sendText("3" + text[1..], cancellationToken).ConfigureAwait(false);
                return null;
            case '4':
                var packet = SocketIoPacketCodec.Decode(text[1..]);
                if (!packet.IsBinary)
                {
                    return dispatch(packet, []);
                }

                return _binary.Start(packet) is { } complete ? dispatch(complete.Packet, complete.Attachments) : null;
            case '1':
                return new SocketIoException("The server closed the Engine.IO session.");
            case '3' or '5' or '6':
                // Pong, upgrade and noop carry nothing for a websocket-only client.
                return null;
            default:
                throw new SocketIoException($"Protocol error: unknown Engine.IO packet '{(text.Length <= 80 ? text : text[..80])}'.") { ProtocolViolation = true };
        }
    }
}
