using System.Text.Json;

namespace PerfSuite.Engine.SocketIo;

/// <summary>One decoded Socket.IO v5 packet (the payload of an Engine.IO message).</summary>
/// <param name="Type">Packet type.</param>
/// <param name="Namespace">Namespace, <c>/</c> when the packet names none.</param>
/// <param name="AckId">Acknowledgement id (0 or more), or <c>null</c> when no acknowledgement is involved.</param>
/// <param name="Data">JSON payload, or <c>null</c> when the packet carries none (e.g. a bare <c>40</c> or <c>41</c>).</param>
/// <param name="AttachmentCount">Number of binary attachments that follow a binary packet; 0 for the others.</param>
internal sealed record SocketIoPacket(
    SocketIoPacketType Type,
    string Namespace,
    int? AckId,
    JsonElement? Data,
    int AttachmentCount = 0)
{
    private static readonly JsonElement EmptyArray = SocketIoJson.Parse("[]");

    /// <summary>For CONNECT_ERROR: the server's reason (<c>{"message":...}</c> or a plain string); otherwise the raw data.</summary>
    public string ErrorMessage() => Data switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString() ?? string.Empty,
        { ValueKind: JsonValueKind.Object } error when error.TryGetProperty("message", out var message) => message.ToString(),
        { } other => other.GetRawText(),
        null => "no reason given",
    };

    /// <summary>True for the packet types that carry binary attachments.</summary>
    public bool IsBinary => Type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck;

    /// <summary>For events: the event name (first element of the data array); otherwise <c>null</c>.</summary>
    public string? EventName =>
        Type is SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent && Data is { ValueKind: JsonValueKind.Array } data
            ? data[0].GetString()
            : null;

    /// <summary>
    /// The arguments as a JSON array: for events the data array without the event name,
    /// for acknowledgements the data array itself, otherwise an empty array.
    /// </summary>
    public JsonElement Arguments()
    {
        if (Data is not { ValueKind: JsonValueKind.Array } data)
        {
            return EmptyArray;
        }

        return EventName is null ? data : SocketIoJson.Skip(data, 1);
    }
}
