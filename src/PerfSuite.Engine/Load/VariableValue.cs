using System.Text.Json;

namespace PerfSuite.Engine.Load;

/// <summary>A virtual user's variable: its text (for paths and strings) and its JSON form (for whole JSON values).</summary>
/// <param name="Text">The value as text, e.g. <c>42</c> or <c>office_1</c>.</param>
/// <param name="Json">The value as a JSON token, e.g. <c>42</c> or <c>"office_1"</c>.</param>
public readonly record struct VariableValue(string Text, string Json)
{
    /// <summary>A string variable.</summary>
    /// <param name="text">The text.</param>
    public static VariableValue FromString(string text) => new(text, JsonSerializer.Serialize(text));

    /// <summary>A variable taken from a JSON element (strings unquoted in <see cref="Text"/>).</summary>
    /// <param name="element">The element.</param>
    public static VariableValue FromJson(JsonElement element) =>
        new(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(), element.GetRawText());
}
