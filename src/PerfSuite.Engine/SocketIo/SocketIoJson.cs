using System.Buffers;
using System.Text.Json;

namespace PerfSuite.Engine.SocketIo;

/// <summary>JSON helpers shared by the codec and the connection.</summary>
internal static class SocketIoJson
{
    /// <summary>Argument names are kept as given (no camel-casing): the server sees what the caller wrote.</summary>
    private static readonly JsonSerializerOptions ArgumentOptions = new();

    /// <summary>Parses <paramref name="json"/> into an element that outlives the document.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Returns a new array with the first <paramref name="count"/> elements of <paramref name="array"/> left out.</summary>
    public static JsonElement Skip(JsonElement array, int count)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in array.EnumerateArray().Skip(count))
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Writes <c>[head?, ...args]</c>; each <c>byte[]</c> argument becomes <c>{"_placeholder":true,"num":N}</c>
    /// and is appended to <paramref name="attachments"/> in placeholder order.
    /// </summary>
    public static string WriteArray(string? head, IReadOnlyList<object?> args, List<byte[]> attachments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            if (head is not null)
            {
                writer.WriteStringValue(head);
            }

            foreach (var arg in args)
            {
                WriteArgument(writer, arg, attachments);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteArgument(Utf8JsonWriter writer, object? arg, List<byte[]> attachments)
    {
        switch (arg)
        {
            case null:
                writer.WriteNullValue();
                break;
            case byte[] bytes:
                writer.WriteStartObject();
                writer.WriteBoolean("_placeholder", true);
                writer.WriteNumber("num", attachments.Count);
                writer.WriteEndObject();
                attachments.Add(bytes);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            default:
                JsonSerializer.Serialize(writer, arg, arg.GetType(), ArgumentOptions);
                break;
        }
    }
}
