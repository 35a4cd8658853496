using System.Text.Json;

namespace PerfSuite.Engine.SocketIo;

/// <summary>An event or acknowledgement received from the server.</summary>
/// <param name="EventName">The event name, or <c>null</c> for an acknowledgement.</param>
/// <param name="Arguments">The arguments as a JSON array (event name excluded); binary placeholders are left in place.</param>
/// <param name="Attachments">Binary attachments in placeholder order (<c>{"_placeholder":true,"num":N}</c> refers to index N).</param>
public sealed record SocketIoMessage(string? EventName, JsonElement Arguments, IReadOnlyList<byte[]> Attachments);
