using System.Text;
using System.Text.Json;

namespace PerfSuite.Engine.Checks;

/// <summary>
/// What a step's checks and captures read: an HTTP body (UTF-8 bytes, parsed as JSON at most once, on first use) or a
/// Socket.IO message's payload (already JSON). Not thread-safe; one per response.
/// </summary>
internal sealed class ResponseBody : IDisposable
{
    private readonly byte[]? _utf8;
    private JsonElement? _root;
    private JsonDocument? _document;
    private bool _parsed;
    private string? _text;

    public ResponseBody(byte[] utf8, string? contentType = null)
    {
        _utf8 = utf8;
        ContentType = contentType;
    }

    /// <summary>The HTTP response's Content-Type header as sent, or <c>null</c> (none, or a Socket.IO message).</summary>
    public string? ContentType { get; }

    public ResponseBody(JsonElement root)
    {
        _root = root;
        _parsed = true;
    }

    /// <summary>The body as text (HTTP: decoded as UTF-8; Socket.IO: the payload's JSON).</summary>
    public string Text => _text ??= _utf8 is not null ? Encoding.UTF8.GetString(_utf8) : _root!.Value.GetRawText();

    /// <summary>The body as JSON, or <c>null</c> when it is empty or not JSON.</summary>
    public JsonElement? Root
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                try
                {
                    // Invalid UTF-8 is not JSON: JsonDocument accepts it inside a string and throws only when the value is
                    // read (a capture), found by fuzzing (tests/PerfSuite.Fuzz, json-checks).
                    _document = _utf8 is { Length: > 0 } && System.Text.Unicode.Utf8.IsValid(_utf8) ? JsonDocument.Parse(_utf8) : null;
                    _root = _document?.RootElement;
                }
                catch (JsonException)
                {
                    // Not JSON: JSON checks and captures fail, body predicates still see the text.
                }
            }

            return _root;
        }
    }

    /// <summary>The value at <paramref name="path"/>, if the body is JSON and has it.</summary>
    public bool TryFind(JsonPath path, out JsonElement value)
    {
        if (Root is { } root)
        {
            return path.TryFind(root, out value);
        }

        value = default;
        return false;
    }

    public void Dispose() => _document?.Dispose();
}
