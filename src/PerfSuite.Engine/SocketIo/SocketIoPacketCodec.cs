using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Encodes and decodes Socket.IO v5 packets:
/// <c>&lt;type&gt;[&lt;attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][&lt;JSON&gt;]</c>.
/// Pure and thread-safe.
/// </summary>
internal static class SocketIoPacketCodec
{
    /// <summary>Encodes <paramref name="packet"/> as text (binary attachments travel separately).</summary>
    public static string Encode(SocketIoPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var text = new StringBuilder();
        text.Append((char)('0' + (int)packet.Type));
        if (packet.IsBinary)
        {
            text.Append(packet.AttachmentCount.ToString(CultureInfo.InvariantCulture)).Append('-');
        }

        if (packet.Namespace != "/")
        {
            text.Append(packet.Namespace).Append(',');
        }

        if (packet.AckId is { } ackId)
        {
            text.Append(ackId.ToString(CultureInfo.InvariantCulture));
        }

        if (packet.Data is { } data)
        {
            text.Append(data.GetRawText());
        }

        return text.ToString();
    }

    /// <summary>
    /// Encodes an EVENT <c>[eventName, ...args]</c>; when an argument is a <c>byte[]</c> the packet becomes a
    /// BINARY_EVENT with a placeholder per array and the arrays as attachments.
    /// </summary>
    /// <param name="namespace">Namespace, <c>/</c> for the default one.</param>
    /// <param name="eventName">Event name.</param>
    /// <param name="args">Arguments; serialized with System.Text.Json, property names as given.</param>
    /// <param name="ackId">Acknowledgement id to ask for, or <c>null</c>.</param>
    public static SocketIoEncodedPacket EncodeEvent(string @namespace, string eventName, IReadOnlyList<object?> args, int? ackId)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        return EncodeArray(@namespace, eventName, args, ackId, SocketIoPacketType.Event, SocketIoPacketType.BinaryEvent);
    }

    /// <summary>Encodes an ACK (or BINARY_ACK when an argument is a <c>byte[]</c>) answering <paramref name="ackId"/>.</summary>
    public static SocketIoEncodedPacket EncodeAck(string @namespace, int ackId, IReadOnlyList<object?> args) =>
        EncodeArray(@namespace, null, args, ackId, SocketIoPacketType.Ack, SocketIoPacketType.BinaryAck);

    /// <summary>Encodes a namespace CONNECT request with an optional auth payload.</summary>
    public static string EncodeConnect(string @namespace, object? auth)
    {
        var data = auth is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(auth, auth.GetType());
        return Encode(new SocketIoPacket(SocketIoPacketType.Connect, @namespace, null, data));
    }

    /// <summary>Decodes one packet text.</summary>
    /// <exception cref="SocketIoException">The text is not a well-formed Socket.IO v5 packet; the message says why.</exception>
    public static SocketIoPacket Decode(string text) => SocketIoPacketReader.Read(text);

    private static SocketIoEncodedPacket EncodeArray(
        string @namespace,
        string? head,
        IReadOnlyList<object?> args,
        int? ackId,
        SocketIoPacketType plain,
        SocketIoPacketType binary)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(args);
        var attachments = new List<byte[]>();
        var json = SocketIoJson.WriteArray(head, args, attachments);
        var type = attachments.Count == 0 ? plain : binary;
        var prefix = Encode(new SocketIoPacket(type, @namespace, ackId, null, attachments.Count));
        return new SocketIoEncodedPacket(prefix + json, attachments);
    }
}
