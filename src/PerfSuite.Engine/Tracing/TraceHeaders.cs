using System.Text;

namespace PerfSuite.Engine.Tracing;

/// <summary>Makes the W3C <c>traceparent</c> and <c>baggage</c> values.</summary>
internal static class TraceHeaders
{
    public const string TraceParent = "traceparent";

    public const string Baggage = "baggage";

    /// <summary>Length of <c>00-</c> + 32 hex + <c>-</c> + 16 hex + <c>-01</c>.</summary>
    public const int TraceParentLength = 55;

    /// <summary>A fresh traceparent, random trace and span ids (thread-safe, one string allocated).</summary>
    public static string NewTraceParent()
    {
        var random = Random.Shared;
        var high = (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2);
        var low = (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2);
        var span = (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2);

        // All-zero ids are invalid.
        if ((high | low) == 0)
        {
            low = 1;
        }

        if (span == 0)
        {
            span = 1;
        }

        return string.Create(TraceParentLength, (high, low, span), static (chars, ids) =>
        {
            "00-".CopyTo(chars);
            ids.high.TryFormat(chars[3..], out _, "x16");
            ids.low.TryFormat(chars[19..], out _, "x16");
            chars[35] = '-';
            ids.span.TryFormat(chars[36..], out _, "x16");
            "-01".CopyTo(chars[52..]);
        });
    }

    /// <summary>The trace id of a traceparent made by <see cref="NewTraceParent"/>.</summary>
    public static string TraceId(string traceParent) => traceParent.Substring(3, 32);

    /// <summary>The baggage value of one endpoint (made once per endpoint).</summary>
    public static string BaggageValue(string runId, string scenario, string step) =>
        $"perfsuite.run={Encode(runId)},perfsuite.scenario={Encode(scenario)},perfsuite.step={Encode(step)}";

    /// <summary>
    /// Percent-encodes a baggage value (W3C baggage: baggage-octet is printable US-ASCII except space, <c>"</c>, <c>,</c>,
    /// <c>;</c> and <c>\</c>; <c>%</c> is encoded too so that decoding gives the value back). UTF-8 bytes are encoded.
    /// </summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is > 0x20 and < 0x7F && b is not ((byte)'"' or (byte)',' or (byte)';' or (byte)'\\' or (byte)'%'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
