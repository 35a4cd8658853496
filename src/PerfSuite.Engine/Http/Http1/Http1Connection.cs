using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>
/// One plain-text HTTP/1.1 connection of one virtual user: a socket (an <see cref="IHttp1Transport"/>), one receive buffer and one send buffer (both rented
/// from the shared pool and returned on dispose), no per-request allocation besides a collected body. A request is
/// written in one send; the response head is parsed in place; the body is drained into the receive buffer unless the
/// step reads it. No retries, no hidden pool: what the server does to this connection is what the step sees.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    /// <summary>Largest response head accepted (status line and headers).</summary>
    public const int MaxHeadBytes = 64 * 1024;

    private const int InitialBufferBytes = 4096;

    // A connection whose last response ended less than this long ago is reused without asking the kernel whether the
    // server closed it: keep-alive timeouts are seconds (a server that closes right after a response says
    // "Connection: close", which ends reuse anyway), and the check is a system call a closed-loop user would pay on
    // every request. A server that closes within the millisecond without saying so shows as connection-closed errors.
    private static readonly long FreshTicks = Stopwatch.Frequency / 1000;

    private readonly IHttp1Transport _transport;
    private byte[] _receive;
    private byte[] _send;
    private int _start;
    private int _end;
    private long _idleSince;
    private long _maxBody = long.MaxValue;
    private bool _disposed;

    private Http1Connection(IHttp1Transport transport)
    {
        _transport = transport;
        _receive = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        _send = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    }

    /// <summary>False once the server asked to close, the body ran to the end of the stream, or an operation failed.</summary>
    public bool Reusable { get; private set; } = true;

    /// <summary>Opens a connection over a new transport: a TCP socket (<see cref="SocketTransport"/>) unless <paramref name="connect"/> says otherwise.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<Http1Connection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken, Http1Connector? connect = null) =>
        new(await (connect ?? SocketTransport.ConnectAsync)(endPoint, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// True when an idle connection may carry another request: the server has neither closed it (a keep-alive timeout
    /// ends idle connections; a browser discards those before sending) nor sent anything unasked.
    /// </summary>
    public bool IsIdleAlive()
    {
        if (!Reusable || _disposed || _end > _start)
        {
            return false;
        }

        if (Stopwatch.GetTimestamp() - _idleSince < FreshTicks)
        {
            return true;
        }

        try
        {
            // Readable with nothing to read is the server's FIN (or an RST); an idle HTTP/1.1 connection has nothing to say.
            return !_transport.Readable();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Writes one request and reads its response.</summary>
    /// <exception cref="ServerDroppedRequestException">The server closed the connection after the request, before any byte of a response.</exception>
    /// <exception cref="SocketException">Reset, refused, unreachable.</exception>
    /// <exception cref="ResponseFaultException">The response is not HTTP/1.x, is malformed, ended early (FIN) or is over <paramref name="maxBodyBytes"/>.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Http1Response> SendAsync(Http1Request request, bool collectBody, CancellationToken cancellationToken, long? maxBodyBytes = null)
    {
        _maxBody = maxBodyBytes ?? long.MaxValue;
        Reusable = false; // until the response is read to its end
        var (length, bodyIncluded) = request.Write(ref _send);
        await SendAllAsync(_send.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        if (request.Body.Length > 0 && !bodyIncluded)
        {
            await SendAllAsync(request.Body, cancellationToken).ConfigureAwait(false);
        }

        var head = await ReadHeadAsync(collectBody, cancellationToken).ConfigureAwait(false);
        var noBody = request.IsHead || head.Status is 204 or 304;
        byte[]? body = null;
        if (!noBody)
        {
            if (head.Chunked)
            {
                body = await ReadChunkedAsync(collectBody, cancellationToken).ConfigureAwait(false);
            }
            else if (head.ContentLength is { } contentLength)
            {
                body = await ReadCountedAsync(contentLength, collectBody, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                body = await ReadToEndAsync(collectBody, cancellationToken).ConfigureAwait(false);
                head = head with { KeepAlive = false };
            }
        }

        Reusable = head.KeepAlive;
        _idleSince = Stopwatch.GetTimestamp();
        return new Http1Response(head.Status, collectBody ? body ?? [] : null, head.Location, head.ContentType);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Reusable = false;
        _transport.Dispose();
        ArrayPool<byte>.Shared.Return(_receive);
        ArrayPool<byte>.Shared.Return(_send);
        _receive = [];
        _send = [];
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (bytes.Length > 0)
        {
            var sent = await _transport.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    // Reads more bytes after _end, compacting or growing the buffer first; returns how many (0: the server closed).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        if (_end == _receive.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_receive, _start, _receive, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(_receive.Length * 2);
                Buffer.BlockCopy(_receive, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_receive);
                _receive = larger;
            }
        }

        var read = await _transport.ReceiveAsync(_receive.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponseHead> ReadHeadAsync(bool keepContentType, CancellationToken cancellationToken)
    {
        var received = false;
        while (true)
        {
            int headLength;
            while ((headLength = _receive.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (_end - _start > MaxHeadBytes)
                {
                    throw new ResponseFaultException(ErrorKind.MalformedHead, $"The response head is larger than {MaxHeadBytes / 1024} KB.");
                }

                int read;
                try
                {
                    read = await FillAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e) when (!received && e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
                {
                    throw new ServerDroppedRequestException(e);
                }

                if (!ResponseHead.CanBeHttp(_receive.AsSpan(_start, _end - _start)))
                {
                    throw new ResponseFaultException(ErrorKind.NotHttp, $"Not an HTTP response: it starts with '{Printable(_receive.AsSpan(_start, Math.Min(_end - _start, 40)))}'.");
                }

                if (read == 0)
                {
                    throw received
                        ? new ResponseFaultException(ErrorKind.ResponseTruncated, "The server closed the connection in the middle of the response head.")
                        : new ServerDroppedRequestException(null);
                }

                received = true;
            }

            var head = ResponseHead.Parse(_receive.AsSpan(_start, headLength + 2), keepContentType);
            _start += headLength + 4;

            // 100 Continue, 102, 103 Early Hints: informational; the final response follows on the same connection.
            if (head.Status is >= 100 and < 200 and not 101)
            {
                received = true;
                continue;
            }

            return head;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<byte[]?> ReadCountedAsync(long contentLength, bool collect, CancellationToken cancellationToken)
    {
        if (contentLength > _maxBody)
        {
            throw new ResponseFaultException(ErrorKind.BodyTooLarge, $"The response announces a body of {contentLength} bytes, over the limit of {_maxBody}.");
        }

        if (collect && contentLength > int.MaxValue)
        {
            throw new ResponseFaultException(ErrorKind.BodyTooLarge, $"A body of {contentLength} bytes is too large to read for checks.");
        }

        var body = collect ? new byte[contentLength] : null;
        var done = 0L;
        while (done < contentLength)
        {
            if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ResponseFaultException(ErrorKind.ResponseTruncated, $"The server closed the connection after {done} of {contentLength} body bytes.");
            }

            var take = (int)Math.Min(contentLength - done, _end - _start);
            if (body is not null)
            {
                Buffer.BlockCopy(_receive, _start, body, (int)done, take);
            }

            _start += take;
            done += take;
        }

        return body;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<byte[]?> ReadToEndAsync(bool collect, CancellationToken cancellationToken)
    {
        var body = collect ? new ArrayBufferWriter<byte>() : null;
        var done = 0L;
        while (true)
        {
            if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return body?.WrittenSpan.ToArray();
            }

            done += _end - _start;
            CheckBodyLimit(done);
            body?.Write(_receive.AsSpan(_start, _end - _start));
            _start = _end;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<byte[]?> ReadChunkedAsync(bool collect, CancellationToken cancellationToken)
    {
        var body = collect ? new ArrayBufferWriter<byte>() : null;
        var done = 0L;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var size = ParseChunkSize(_receive.AsSpan(line.Start, line.Length));
            _start = line.Next;
            done = size > long.MaxValue - done ? long.MaxValue : done + size;
            CheckBodyLimit(done);
            if (size == 0)
            {
                // Trailers, up to the empty line.
                while (true)
                {
                    var trailer = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    _start = trailer.Next;
                    if (trailer.Length == 0)
                    {
                        return body?.WrittenSpan.ToArray();
                    }
                }
            }

            var remaining = size;
            while (remaining > 0)
            {
                if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new ResponseFaultException(ErrorKind.ResponseTruncated, "The server closed the connection in the middle of a chunk.");
                }

                var take = (int)Math.Min(remaining, _end - _start);
                body?.Write(_receive.AsSpan(_start, take));
                _start += take;
                remaining -= take;
            }

            var end = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (end.Length != 0)
            {
                throw new ResponseFaultException(ErrorKind.BadChunk, "A chunk is not followed by CRLF.");
            }

            _start = end.Next;
        }
    }

    // The next CRLF-terminated line from _start (Start/Length exclude the CRLF; Next is past it). Does not consume it.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Start, int Length, int Next)> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = _receive.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (index >= 0)
            {
                return (_start, index, _start + index + 2);
            }

            if (_end - _start > MaxHeadBytes)
            {
                throw new ResponseFaultException(ErrorKind.BadChunk, "A chunk line is too long.");
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ResponseFaultException(ErrorKind.ResponseTruncated, "The server closed the connection in the middle of a chunked body.");
            }
        }
    }

    internal static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        if (semicolon >= 0)
        {
            line = line[..semicolon];
        }

        line = line.Trim((byte)' ');
        if (!Utf8Parser.TryParse(line, out long size, out var consumed, 'x') || consumed != line.Length || size < 0)
        {
            throw new ResponseFaultException(ErrorKind.BadChunk, $"A chunk size is not hexadecimal: '{Printable(line[..Math.Min(line.Length, 40)])}'.");
        }

        return size;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        string.Concat(System.Text.Encoding.ASCII.GetString(bytes).Select(c => char.IsControl(c) || c > '~' ? '?' : c));

    private void CheckBodyLimit(long bodyBytes)
    {
        if (bodyBytes > _maxBody)
        {
            throw new ResponseFaultException(ErrorKind.BodyTooLarge, $"The response body is over the limit of {_maxBody} bytes.");
        }
    }
}
