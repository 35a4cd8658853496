using System.Globalization;
using System.Text.Json;

namespace PerfSuite.Engine.SocketIo;

/// <summary>The decoding half of <see cref="SocketIoPacketCodec"/>, with the validation that makes errors readable.</summary>
internal static class SocketIoPacketReader
{
    public static SocketIoPacket Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw Malformed(text, "it is empty");
        }

        var typeDigit = text[0] - '0';
        if (typeDigit is < 0 or > 6)
        {
            throw Malformed(text, $"'{text[0]}' is not a packet type (0-6)");
        }

        var type = (SocketIoPacketType)typeDigit;
        var position = 1;
        var attachments = 0;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            var dash = text.IndexOf('-', position);
            if (dash < 0 || !TryParseCount(text[position..dash], out attachments))
            {
                throw Malformed(text, "a binary packet must start with '<type><attachment count>-'");
            }

            position = dash + 1;
        }

        var @namespace = "/";
        if (position < text.Length && text[position] == '/')
        {
            var comma = text.IndexOf(',', position);
            var end = comma < 0 ? text.Length : comma;
            @namespace = text[position..end];
            position = comma < 0 ? end : comma + 1;
        }

        int? ackId = null;
        var digitsStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        if (position > digitsStart)
        {
            if (!TryParseCount(text[digitsStart..position], out var id))
            {
                throw Malformed(text, "the ack id does not fit in an int");
            }

            ackId = id;
        }

        var data = position < text.Length ? ParseJson(text, text[position..]) : (JsonElement?)null;
        var packet = new SocketIoPacket(type, @namespace, ackId, data, attachments);
        Validate(text, packet);
        return packet;
    }

    private static void Validate(string text, SocketIoPacket packet)
    {
        var kind = packet.Data?.ValueKind;
        switch (packet.Type)
        {
            case SocketIoPacketType.Connect when kind is not (null or JsonValueKind.Object):
                throw Malformed(text, "CONNECT data must be a JSON object");
            case SocketIoPacketType.Disconnect when kind is not null:
                throw Malformed(text, "DISCONNECT carries no data");
            case SocketIoPacketType.ConnectError when kind is not (JsonValueKind.Object or JsonValueKind.String):
                throw Malformed(text, "CONNECT_ERROR data must be a JSON object or string");
            case SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent
                when kind is not JsonValueKind.Array || packet.Data!.Value.GetArrayLength() == 0
                    || packet.Data.Value[0].ValueKind != JsonValueKind.String:
                throw Malformed(text, "EVENT data must be a JSON array starting with the event name");
            case SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck when kind is not JsonValueKind.Array:
                throw Malformed(text, "ACK data must be a JSON array");
            case SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck when packet.AckId is null:
                throw Malformed(text, "ACK needs an ack id");
            default:
                return;
        }
    }

    private static JsonElement ParseJson(string text, string json)
    {
        try
        {
            return SocketIoJson.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new SocketIoException($"Malformed Socket.IO packet '{Shorten(text)}': the payload is not JSON ({exception.Message}).", exception) { ProtocolViolation = true };
        }
    }

    private static bool TryParseCount(string digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static SocketIoException Malformed(string text, string reason) =>
        new($"Malformed Socket.IO packet '{Shorten(text)}': {reason}.") { ProtocolViolation = true };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
