using System.Globalization;
using System.Text.Json;

namespace PerfSuite.Engine.Checks;

/// <summary>
/// A path into a JSON value, parsed once when the flow is built: <c>$.appointment.id</c>, <c>$.items[0].id</c>,
/// <c>$[1]</c>, or the older dotted form <c>appointment.id</c> / <c>items.0.id</c> (a number after a dot is an array
/// index when the value is an array). <c>$</c> alone is the whole value.
/// </summary>
internal sealed class JsonPath
{
    private readonly (string? Name, int Index)[] _segments;

    private JsonPath(string text, (string? Name, int Index)[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong and where.</summary>
    public static bool TryParse(string? text, out JsonPath path, out string problem)
    {
        path = null!;
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "JSON path must not be empty (was '')";
            return false;
        }

        var segments = new List<(string?, int)>();
        var i = text.StartsWith('$') ? 1 : 0;
        if (i == 0 && text[0] is '.' or '[')
        {
            problem = $"JSON path '{text}' must start with '$' or a property name";
            return false;
        }

        while (i < text.Length)
        {
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                var inner = close < 0 ? null : text[(i + 1)..close];
                if (inner is null || !int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    problem = $"JSON path '{text}': expected an array index like [0] at position {i}";
                    return false;
                }

                segments.Add((null, index));
                i = close + 1;
                continue;
            }

            if (text[i] == '.')
            {
                i++;
            }
            else if (i > 0)
            {
                problem = $"JSON path '{text}': expected '.' or '[' at position {i}";
                return false;
            }

            var end = i;
            while (end < text.Length && text[end] is not ('.' or '['))
            {
                end++;
            }

            if (end == i)
            {
                problem = $"JSON path '{text}': empty property name at position {i}";
                return false;
            }

            var name = text[i..end];
            segments.Add((name, int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1));
            i = end;
        }

        path = new JsonPath(text, segments.ToArray());
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> with the problem.</summary>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var problem) ? path : throw new FormatException(problem);

    /// <summary>The value at the path, if every segment exists (a JSON <c>null</c> value exists).</summary>
    public bool TryFind(JsonElement root, out JsonElement value)
    {
        var current = root;
        foreach (var (name, index) in _segments)
        {
            if (name is not null && current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child))
            {
                current = child;
            }
            else if (index >= 0 && current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                value = default;
                return false;
            }
        }

        value = current;
        return true;
    }
}
