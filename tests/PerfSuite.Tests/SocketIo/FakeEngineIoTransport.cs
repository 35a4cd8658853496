using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

/// <summary>
/// An in-memory Engine.IO peer: the test scripts what the "server" sends and reads what the client sent.
/// It opens with an Engine.IO handshake and answers the namespace CONNECT with <see cref="ConnectReply"/>.
/// </summary>
internal sealed class FakeEngineIoTransport : IEngineIoTransport
{
    private readonly Channel<EngineIoFrame?> _incoming = Channel.CreateUnbounded<EngineIoFrame?>();
    private readonly Channel<EngineIoFrame> _sent = Channel.CreateUnbounded<EngineIoFrame>();
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeEngineIoTransport(int pingIntervalMs = 25_000, int pingTimeoutMs = 5_000)
    {
        ServerSends($"0{{\"sid\":\"eio-sid\",\"upgrades\":[],\"pingInterval\":{pingIntervalMs},\"pingTimeout\":{pingTimeoutMs},\"maxPayload\":1000000}}");
    }

    /// <summary>What the server answers to a <c>40</c>; <c>null</c> for no answer at all.</summary>
    public string? ConnectReply { get; init; } = "40{\"sid\":\"fake-sid\"}";

    public ConcurrentQueue<EngineIoFrame> SentFrames { get; } = new();

    public bool Aborted { get; private set; }

    public bool Disposed => _disposed.Task.IsCompleted;

    /// <summary>Completes when the client disposed the transport.</summary>
    public Task DisposedTask => _disposed.Task;

    public bool CloseOutputSent { get; private set; }

    public void ServerSends(string text) => _incoming.Writer.TryWrite(EngineIoFrame.FromText(text));

    public void ServerSendsBinary(byte[] data) => _incoming.Writer.TryWrite(EngineIoFrame.FromBinary(data));

    public void ServerCloses() => _incoming.Writer.TryWrite(null);

    /// <summary>The next text frame the client sends, waiting at most as long as <paramref name="cancellationToken"/> allows.</summary>
    public async Task<string> NextSentTextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await _sent.Reader.ReadAsync(cancellationToken);
            if (frame.Text is { } text)
            {
                return text;
            }
        }
    }

    public async ValueTask<EngineIoFrame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var frame = await _incoming.Reader.ReadAsync(cancellationToken);
        return Aborted ? throw new WebSocketException("aborted") : frame;
    }

    public async ValueTask SendTextAsync(string text, CancellationToken cancellationToken)
    {
        // Yield like a real socket send would, so that unsynchronized concurrent sends would interleave.
        await Task.Yield();
        ThrowIfAborted();
        Record(EngineIoFrame.FromText(text));
        if (text.StartsWith("40", StringComparison.Ordinal) && ConnectReply is not null)
        {
            ServerSends(ConnectReply);
        }
    }

    public async ValueTask SendBinaryAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await Task.Yield();
        ThrowIfAborted();
        Record(EngineIoFrame.FromBinary(data.ToArray()));
    }

    public Task CloseOutputAsync(CancellationToken cancellationToken)
    {
        if (!CloseOutputSent && !Aborted)
        {
            CloseOutputSent = true;

            // A well-behaved peer answers the close frame with its own.
            ServerCloses();
        }

        return Task.CompletedTask;
    }

    public void Abort()
    {
        Aborted = true;
        _incoming.Writer.TryComplete(new WebSocketException("aborted"));
    }

    public void Dispose() => _disposed.TrySetResult();

    private void Record(EngineIoFrame frame)
    {
        SentFrames.Enqueue(frame);
        _sent.Writer.TryWrite(frame);
    }

    private void ThrowIfAborted()
    {
        if (Aborted)
        {
            throw new WebSocketException("aborted");
        }
    }
}
