using System.Net.WebSockets;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// A Socket.IO v5 namespace connection over one Engine.IO v4 transport: a single receive loop dispatches
/// acks and events, sends are serialized by one lock so a binary packet's frames stay together.
/// </summary>
internal sealed class SocketIoConnection : ISocketIoConnection
{
    /// <summary>Bound on a graceful close before the transport is aborted (wall clock on purpose: it is a safety net, not protocol timing).</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly IEngineIoTransport _transport;
    private readonly string _namespace;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly AckRegistry _acks = new();
    private readonly EventWaiterRegistry _events = new();
    private readonly EngineIoReceiveLoop _receiver;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _receiveCancel = new();
    private readonly PingWatchdog _watchdog;
    private readonly Lock _gate = new();
    private Task _receiveLoop = Task.CompletedTask;
    private Task? _stop;
    private Exception? _failure;
    private volatile bool _namespaceConnected;
    private volatile string _sessionId = string.Empty;

    private SocketIoConnection(IEngineIoTransport transport, string @namespace, EngineIoOpenPacket open, TimeProvider timeProvider)
    {
        _transport = transport;
        _namespace = @namespace;
        _watchdog = new PingWatchdog(timeProvider, open.SilenceLimit, OnPingTimeout);
        _receiver = new EngineIoReceiveLoop(transport, SendTextLockedAsync, _watchdog.Reset, Dispatch);
    }

    public bool IsConnected => _namespaceConnected && Volatile.Read(ref _failure) is null;

    public string SessionId => _sessionId;

    /// <summary>Runs the Engine.IO handshake and the namespace CONNECT on an open transport, which it then owns.</summary>
    public static async Task<SocketIoConnection> OpenAsync(
        IEngineIoTransport transport,
        SocketIoConnectOptions options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        SocketIoConnection? connection = null;
        try
        {
            var first = await transport.ReceiveAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new SocketIoException("The server closed the websocket before the Engine.IO handshake.");
            var open = EngineIoOpenPacket.Parse(first.Text ?? throw new SocketIoException("Bad Engine.IO handshake: a binary frame came first."));
            connection = new SocketIoConnection(transport, options.Namespace, open, timeProvider);
            var connect = "4" + SocketIoPacketCodec.EncodeConnect(options.Namespace, options.Auth);
            await transport.SendTextAsync(connect, cancellationToken).ConfigureAwait(false);
            connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
            await connection._connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception exception)
        {
            if (connection is null)
            {
                transport.Abort();
                transport.Dispose();
            }
            else if (exception is OperationCanceledException)
            {
                connection.Abort(new SocketIoException("The connect was canceled.", exception));
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                // The server answered (e.g. CONNECT_ERROR): report that now, so a refused connect is timed like an
                // accepted one, and let the websocket close handshake finish in the background (bounded, never throws).
                _ = connection.DisposeAsync().AsTask();
            }

            if (exception is WebSocketException)
            {
                throw new SocketIoException($"The Socket.IO handshake failed: {exception.Message}", exception);
            }

            throw;
        }
    }

    public Task EmitAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken) =>
        SendAsync(SocketIoPacketCodec.EncodeEvent(_namespace, eventName, args, null), cancellationToken);

    public async Task<SocketIoMessage> EmitWithAckAsync(string eventName, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        var (id, completion) = _acks.Register();
        try
        {
            await SendAsync(SocketIoPacketCodec.EncodeEvent(_namespace, eventName, args, id), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _acks.Remove(id);
            throw;
        }

        return await _acks.WaitAsync(id, completion, cancellationToken).ConfigureAwait(false);
    }

    public Task<SocketIoMessage> WaitForEventAsync(string eventName, CancellationToken cancellationToken) =>
        _events.WaitAsync(eventName, cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => StopAsync().WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _receiveCancel.Dispose();
    }

    private async Task SendAsync(SocketIoEncodedPacket packet, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            await _transport.SendTextAsync("4" + packet.Text, cancellationToken).ConfigureAwait(false);
            foreach (var attachment in packet.Attachments)
            {
                await _transport.SendBinaryAsync(attachment, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // A send that fails because the connection just closed reports why it closed, not the socket's symptom.
            ThrowIfClosed();
            throw new SocketIoException($"Sending on the Socket.IO connection failed: {exception.Message}", exception);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new SocketIoException($"The Socket.IO connection is closed: {failure.Message}", failure);
        }
    }

    private Task StopAsync()
    {
        lock (_gate)
        {
            return _stop ??= StopCoreAsync();
        }
    }

    private async Task StopCoreAsync()
    {
        var wasConnected = IsConnected;
        Fail(new SocketIoException("The Socket.IO connection was closed by the client."));
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            if (wasConnected)
            {
                var disconnect = new SocketIoPacket(SocketIoPacketType.Disconnect, _namespace, null, null);
                await SendTextLockedAsync("4" + SocketIoPacketCodec.Encode(disconnect), timeout.Token).ConfigureAwait(false);
            }

            await _transport.CloseOutputAsync(timeout.Token).ConfigureAwait(false);
            await _receiveLoop.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            // The graceful close did not finish in time or the peer was already gone: abort below.
        }

        await _receiveCancel.CancelAsync().ConfigureAwait(false);
        _transport.Abort();
        await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // The loop disposes the transport when it ends; this covers a connect that failed before the loop started.
        _transport.Dispose();
    }

    private void Fail(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _failure, reason, null) is not null)
        {
            return;
        }

        _namespaceConnected = false;
        _watchdog.Dispose();
        _connected.TrySetException(reason);
        _acks.FailAll(reason);
        _events.FailAll(reason);
    }

    private void OnPingTimeout() =>
        Abort(new SocketIoException("The Socket.IO connection timed out: no ping from the server within pingInterval + pingTimeout."));

    private void Abort(Exception reason)
    {
        Fail(reason);
        _transport.Abort();
    }

    private async Task ReceiveLoopAsync()
    {
        var reason = await _receiver.RunAsync(_receiveCancel.Token).ConfigureAwait(false);
        Fail(reason);

        // The server may still hold the websocket open (after 41, 44 or an Engine.IO close): finish the close handshake.
        await EngineIoTransportClose.FinishAsync(_transport, _receiver.PeerClosed, CloseTimeout).ConfigureAwait(false);
    }

    /// <summary>Sends one text frame under the send lock, so it never lands between a binary packet and its attachments.</summary>
    private async Task SendTextLockedAsync(string text, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _transport.SendTextAsync(text, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private SocketIoException? Dispatch(SocketIoPacket packet, IReadOnlyList<byte[]> attachments)
    {
        if (packet.Namespace != _namespace)
        {
            return null;
        }

        switch (packet.Type)
        {
            case SocketIoPacketType.Connect:
                _sessionId = packet.Data is { } data && data.TryGetProperty("sid", out var sid) ? sid.GetString() ?? string.Empty : string.Empty;
                _namespaceConnected = true;
                _connected.TrySetResult();
                return null;
            case SocketIoPacketType.ConnectError:
                return new SocketIoException($"The server refused the Socket.IO connection to namespace '{_namespace}': {packet.ErrorMessage()}")
                {
                    ConnectionRefused = true,
                };
            case SocketIoPacketType.Disconnect:
                return new SocketIoException($"The server disconnected namespace '{_namespace}'.");
            case SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent:
                _events.Complete(new SocketIoMessage(packet.EventName, packet.Arguments(), attachments));
                return null;
            default:
                _acks.Complete(packet.AckId ?? -1, new SocketIoMessage(null, packet.Arguments(), attachments));
                return null;
        }
    }
}
