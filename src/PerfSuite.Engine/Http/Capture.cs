using System.Text.Json;
using PerfSuite.Engine.Checks;
using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Http;

/// <summary>
/// Takes a value from a JSON response into a virtual-user variable. When the value is missing the step records a
/// <c>capture-failed</c> error, the steps that need the variable are skipped and the scenario counts as failed.
/// </summary>
/// <param name="Path">Path into the response: dotted, e.g. <c>appointment.appointment_id</c>, array items by index (<c>items.0.id</c>), or a JSON path such as <c>$.items[0].id</c>.</param>
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
        if (JsonPath.TryParse(Path, out var path, out _) && path.TryFind(root, out var found)
            && found.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            value = VariableValue.FromJson(found);
            return true;
        }

        value = default;
        return false;
    }
}
