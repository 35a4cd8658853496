using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Artillery;

/// <summary>
/// A scenario's steps as text: each step's type and every field, recursively (templates as written, bodies as JSON,
/// delegates as their presence), so two scenarios built different ways can be compared step by step.
/// </summary>
internal static class StepDescription
{
    public static IReadOnlyList<string> Of(Scenario scenario) => scenario.Steps.Select(step => Describe(step, 0)).ToList();

    private static string Describe(object? value, int depth)
    {
        if (depth > 6)
        {
            return "…";
        }

        return value switch
        {
            null => "null",
            string text => JsonSerializer.Serialize(text),
            JsonElement element => element.GetRawText(),
            Delegate => "delegate",
            Enum or bool or int or long or double or TimeSpan => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
            IDictionary dictionary => "{" + string.Join(", ", dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal)
                .Select(k => $"{k}={Describe(dictionary[k], depth + 1)}")) + "}",
            ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Describe(tuple[i], depth + 1))) + ")",
            IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => Describe(v, depth + 1))) + "]",
            _ when value.GetType().Namespace?.StartsWith("PerfSuite", StringComparison.Ordinal) == true => Fields(value, depth),
            _ => JsonSerializer.Serialize(value, value.GetType()),
        };
    }

    private static string Fields(object value, int depth)
    {
        var type = value.GetType();
        var fields = new List<string>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Select(f => $"{f.Name}={Describe(f.GetValue(value), depth + 1)}"));
        }

        return $"{type.Name}({string.Join("; ", fields)})";
    }
}
