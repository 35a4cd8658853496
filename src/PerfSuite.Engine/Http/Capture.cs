using System.Globalization;
using System.Text.Json;
using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Http;

/// <summary>
/// Takes a value from a JSON response into a virtual-user variable. When the value is missing the step records a
/// <c>capture-failed</c> error, the steps that need the variable are skipped and the scenario counts as failed.
/// </summary>
/// <param name="Path">Dotted path into the response, e.g. <c>appointment.appointment_id</c>; array items by index (<c>items.0.id</c>).</param>
/// <param name="Into">Variable name, used as <c>{name}</c> in later paths and bodies.</param>
public sealed record Capture(string Path, string Into)
{
    /// <summary>Captures the JSON value at <paramref name="path"/> into the variable <paramref name="into"/>.</summary>
    /// <param name="path">Dotted path, e.g. <c>appointment.appointment_id</c>.</param>
    /// <param name="into">Variable name.</param>
    public static Capture Json(string path, string into) => new(path, into);

    /// <summary>The value at <see cref="Path"/> in <paramref name="root"/>, if present and not null.</summary>
    /// <param name="root">Parsed response body.</param>
    /// <param name="value">The captured value.</param>
    public bool TryExtract(JsonElement root, out VariableValue value)
    {
        var current = root;
        foreach (var segment in Path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                value = default;
                return false;
            }
        }

        if (current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            value = default;
            return false;
        }

        value = VariableValue.FromJson(current);
        return true;
    }
}
