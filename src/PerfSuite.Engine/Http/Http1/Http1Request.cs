using System.Buffers;
using System.Text;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>
/// One request as written on the wire: <c>METHOD target HTTP/1.1</c>, <c>Host</c>, the bearer token, the step's headers,
/// and for a body <c>Content-Type</c> (JSON unless the step sets one) and <c>Content-Length</c>.
/// </summary>
internal readonly record struct Http1Request(
    string Method,
    string Target,
    string Host,
    string? Bearer,
    KeyValuePair<string, string>[] Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>The request size up to which the body is copied behind the head and sent in the same write.</summary>
    public const int SingleSendBytes = 16 * 1024;

    public bool IsHead => Method == "HEAD";

    /// <summary>Writes the head (and the body when it fits in one send) into <paramref name="buffer"/>, growing it from the pool.</summary>
    /// <returns>The bytes written, and whether the body is among them.</returns>
    public (int Length, bool BodyIncluded) Write(ref byte[] buffer)
    {
        var utf8 = Encoding.UTF8;
        var max = 64 + utf8.GetMaxByteCount(Method.Length + Target.Length + Host.Length + (Bearer?.Length ?? 0));
        var hasContentType = false;
        foreach (var (name, value) in Headers)
        {
            max += 4 + utf8.GetMaxByteCount(name.Length + value.Length);
            hasContentType |= string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase);
        }

        var bodyIncluded = Body.Length > 0 && max + 96 + Body.Length <= SingleSendBytes;
        max += 96 + (bodyIncluded ? Body.Length : 0);
        if (buffer.Length < max)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(max);
        }

        var span = buffer.AsSpan();
        var n = 0;
        n += utf8.GetBytes(Method, span[n..]);
        span[n++] = (byte)' ';
        n += utf8.GetBytes(Target, span[n..]);
        n += Copy(" HTTP/1.1\r\nHost: "u8, span[n..]);
        n += utf8.GetBytes(Host, span[n..]);
        n += Copy("\r\n"u8, span[n..]);
        if (Bearer is not null)
        {
            n += Copy("Authorization: Bearer "u8, span[n..]);
            n += utf8.GetBytes(Bearer, span[n..]);
            n += Copy("\r\n"u8, span[n..]);
        }

        foreach (var (name, value) in Headers)
        {
            n += utf8.GetBytes(name, span[n..]);
            n += Copy(": "u8, span[n..]);
            n += utf8.GetBytes(value, span[n..]);
            n += Copy("\r\n"u8, span[n..]);
        }

        if (Body.Length > 0 || Method is "POST" or "PUT" or "PATCH")
        {
            if (!hasContentType && Body.Length > 0)
            {
                n += Copy("Content-Type: application/json; charset=utf-8\r\n"u8, span[n..]);
            }

            n += Copy("Content-Length: "u8, span[n..]);
            Body.Length.TryFormat(span[n..], out var digits);
            n += digits;
            n += Copy("\r\n"u8, span[n..]);
        }

        n += Copy("\r\n"u8, span[n..]);
        if (bodyIncluded)
        {
            Body.Span.CopyTo(span[n..]);
            n += Body.Length;
        }

        return (n, bodyIncluded);
    }

    private static int Copy(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }
}
