using System.Net.Sockets;

namespace PerfSuite.Engine.Http;

/// <summary>
/// The network stream of one HTTP/1.1 connection, noting when the server ends the connection after a request was written
/// and before any byte of its response (see <see cref="DroppedAttempts"/>). Pass-through otherwise: no buffering, no copies.
/// </summary>
internal sealed class AttemptTrackingStream(Stream inner, DroppedAttempts attempts) : Stream
{
    // 1 from the first byte of a request until the first byte of its response.
    private int _awaitingResponse;

    // 1 once the handler disposed the stream (e.g. a request timeout tore the connection down): an end of stream after
    // that is the client's own close, not the server's.
    private int _disposed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
        {
            if (Interlocked.Exchange(ref _awaitingResponse, 0) == 1)
            {
                attempts.OnReset();
            }

            throw;
        }

        // A zero-byte read with an empty buffer is the pool's idle check, not the end of the stream.
        if (buffer.Length > 0)
        {
            if (read > 0)
            {
                Volatile.Write(ref _awaitingResponse, 0);
            }
            else if (Interlocked.Exchange(ref _awaitingResponse, 0) == 1 && Volatile.Read(ref _disposed) == 0 && !cancellationToken.IsCancellationRequested)
            {
                attempts.OnClosed();
            }
        }

        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length > 0)
        {
            Volatile.Write(ref _awaitingResponse, 1);
        }

        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Volatile.Write(ref _disposed, 1);
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, 1);
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
