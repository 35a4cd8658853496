using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Text with <c>{name}</c> placeholders resolved from a virtual user's variables, parsed once when the flow is built.
/// In JSON mode a string that is exactly <c>"{name}"</c> becomes the captured JSON value itself (so a captured
/// number stays a number); a placeholder inside a longer string is inserted JSON-escaped.
/// </summary>
internal sealed partial class VariableTemplate
{
    private readonly string _text;
    private readonly List<(int Start, int Length, string Name, bool WholeJsonString)> _holes = [];

    public VariableTemplate(string text, bool json = false)
    {
        _text = text;
        foreach (Match match in Placeholder().Matches(text))
        {
            var whole = json && match.Index > 0 && match.Index + match.Length < text.Length
                && text[match.Index - 1] == '"' && text[match.Index + match.Length] == '"';
            _holes.Add(whole
                ? (match.Index - 1, match.Length + 2, match.Groups[1].Value, true)
                : (match.Index, match.Length, match.Groups[1].Value, false));
        }

        IsJson = json;
        Variables = _holes.Select(h => h.Name).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The template as written, e.g. <c>/api/v1/appointments/{appointment_id}/</c>.</summary>
    public string Text => _text;

    public bool IsJson { get; }

    /// <summary>Names of the variables the template needs.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Resolves the placeholders; every variable must be present (the caller checks <see cref="Variables"/> first).</summary>
    /// <param name="variables">The user's variables.</param>
    /// <param name="escape">Outside JSON mode, URL-escape each value (for paths); false inserts the text as is.</param>
    public string Resolve(IReadOnlyDictionary<string, VariableValue> variables, bool escape = true)
    {
        if (_holes.Count == 0)
        {
            return _text;
        }

        var builder = new StringBuilder(_text.Length + 16);
        var position = 0;
        foreach (var (start, length, name, whole) in _holes)
        {
            builder.Append(_text, position, start - position);
            var value = variables[name];
            if (whole)
            {
                builder.Append(value.Json);
            }
            else if (IsJson)
            {
                var escaped = JsonSerializer.Serialize(value.Text);
                builder.Append(escaped, 1, escaped.Length - 2);
            }
            else
            {
                builder.Append(escape ? Uri.EscapeDataString(value.Text) : value.Text);
            }

            position = start + length;
        }

        builder.Append(_text, position, _text.Length - position);
        return builder.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")]
    private static partial Regex Placeholder();
}
