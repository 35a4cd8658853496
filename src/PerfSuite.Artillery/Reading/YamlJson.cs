using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// A YAML node (a <c>json:</c> body or an emit's <c>data</c>) as compact JSON, keys in file order, as System.Text.Json
/// would write the same object. Plain scalars are typed as YAML 1.2 core (numbers, true/false, null); quoted ones are
/// strings. Artillery templates in strings become PerfSuite placeholders; a string that is only a placeholder takes
/// the captured value's JSON type at run time.
/// </summary>
internal static partial class YamlJson
{
    public static string? Write(ScriptContext context, YamlNode node, string key)
    {
        var problems = context.Problems.Count;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteNode(context, writer, node, key);
        }

        return context.Problems.Count > problems ? null : Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNode(ScriptContext context, Utf8JsonWriter writer, YamlNode node, string key)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (name, value) in YamlMerge.Entries(mapping))
                {
                    var property = (name as YamlScalarNode)?.Value ?? string.Empty;
                    writer.WritePropertyName(property);
                    WriteNode(context, writer, value, $"{key}.{property}");
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    WriteNode(context, writer, sequence.Children[i], $"{key}[{i}]");
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(context, writer, scalar, key);
                break;
            default:
                context.Error(node, key, "unsupported YAML node");
                break;
        }
    }

    private static void WriteScalar(ScriptContext context, Utf8JsonWriter writer, YamlScalarNode scalar, string key)
    {
        var text = context.Runtime(scalar, key) ?? string.Empty;
        if (context.IsPlain(scalar) && !text.Contains('{', StringComparison.Ordinal))
        {
            if (text is "null" or "Null" or "NULL" or "~" or "")
            {
                writer.WriteNullValue();
                return;
            }

            if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
            {
                writer.WriteBooleanValue(text[0] is 't' or 'T');
                return;
            }

            if (Number().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                writer.WriteRawValue(text.TrimStart('+'));
                return;
            }
        }

        writer.WriteStringValue(text);
    }

    [GeneratedRegex(@"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")]
    private static partial Regex Number();
}
