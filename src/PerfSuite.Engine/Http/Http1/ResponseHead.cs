using System.Buffers.Text;
using System.Text;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>What the engine reads of a response head: the status, how the body is framed, whether the connection stays open, a redirect's target and, when asked for, the content type.</summary>
/// <remarks>
/// The one response-head parser of the engine: the lean HTTP/1.1 client and the websocket upgrade both read heads with
/// it, so a fault has one name whichever protocol met it (<see cref="ResponseFaultException"/>: not-http, malformed-head).
/// </remarks>
internal readonly record struct ResponseHead(int Status, long? ContentLength, bool Chunked, bool KeepAlive, string? Location, string? ContentType = null, string? WebSocketAccept = null)
{
    /// <summary>True when <paramref name="received"/>, the first bytes of a response, can still begin <c>HTTP/</c>; false is a <see cref="ErrorKind.NotHttp"/> answer.</summary>
    /// <param name="received">What arrived so far (any length).</param>
    public static bool CanBeHttp(ReadOnlySpan<byte> received)
    {
        var prefix = "HTTP/"u8;
        var length = Math.Min(received.Length, prefix.Length);
        return received[..length].SequenceEqual(prefix[..length]);
    }

    /// <summary>Parses a status line and header lines (each ending in CRLF, without the final empty line).</summary>
    /// <param name="head">The head's bytes.</param>
    /// <param name="keepContentType">Read Content-Type into a string (only a step with checks needs it; others allocate nothing for it).</param>
    /// <param name="keepWebSocketAccept">Read Sec-WebSocket-Accept into a string (the websocket upgrade).</param>
    /// <exception cref="ResponseFaultException">Not HTTP, or a malformed status line or header.</exception>
    public static ResponseHead Parse(ReadOnlySpan<byte> head, bool keepContentType = false, bool keepWebSocketAccept = false)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (!CanBeHttp(statusLine) || statusLine.Length < 5)
        {
            throw new ResponseFaultException(ErrorKind.NotHttp, $"Not an HTTP response: '{Printable(statusLine)}'.");
        }

        // HTTP/1.x SSS[ reason]
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw new ResponseFaultException(ErrorKind.MalformedHead, $"Not an HTTP/1.x status line: '{Printable(statusLine)}'.");
        }

        var http10 = statusLine[7] == (byte)'0';
        long? contentLength = null;
        var chunked = false;
        var close = http10;
        string? location = null;
        string? contentType = null;
        string? accept = null;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (rest.Length > 0)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new ResponseFaultException(ErrorKind.MalformedHead, $"Not a header line: '{Printable(line)}'.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0
                    || (contentLength is { } earlier && earlier != length))
                {
                    throw new ResponseFaultException(ErrorKind.MalformedHead, $"Bad Content-Length '{Printable(value)}'.");
                }

                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = EndsWithToken(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                if (ContainsToken(value, "close"u8))
                {
                    close = true;
                }
                else if (ContainsToken(value, "keep-alive"u8))
                {
                    close = false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "location"u8))
            {
                location = Encoding.UTF8.GetString(value);
            }
            else if (keepContentType && Ascii.EqualsIgnoreCase(name, "content-type"u8))
            {
                contentType = Encoding.UTF8.GetString(value);
            }
            else if (keepWebSocketAccept && Ascii.EqualsIgnoreCase(name, "sec-websocket-accept"u8))
            {
                accept = Encoding.ASCII.GetString(value);
            }
        }

        // RFC 9112 6.3: Transfer-Encoding overrides Content-Length.
        return new ResponseHead(status, chunked ? null : contentLength, chunked, !close, location, contentType, accept);
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim((byte)' '), token))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        var comma = value.LastIndexOf((byte)',');
        return Ascii.EqualsIgnoreCase(value[(comma + 1)..].Trim((byte)' '), token);
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 80)]);
        return string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
    }
}
