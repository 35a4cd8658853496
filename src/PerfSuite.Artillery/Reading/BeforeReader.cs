using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// The <c>before</c> section: Artillery runs its flow once per run, before the first phase. A flow of <c>log</c> steps
/// gives the lines to print then; any other step is refused, naming the feature.
/// </summary>
internal static class BeforeReader
{
    // Whose flow only logs (filled from config.variables; one nothing sets is 'undefined'). Any other
    // step would need a run of its own before the phases, whose captures every user shares: refused, naming it.
    public static List<string> Read(ScriptContext context, YamlNode node, IReadOnlyDictionary<string, string> variables)
    {
        var lines = new List<string>();
        var entries = context.Mapping(node, "before", ["flow"]);
        var flow = entries?.FirstOrDefault(e => e.Key == "flow").Value;
        if (flow is not YamlSequenceNode steps)
        {
            return lines;
        }

        for (var i = 0; i < steps.Children.Count; i++)
        {
            var key = $"before.flow[{i}]";
            if (steps.Children[i] is not YamlMappingNode { Children.Count: 1 } step || (step.Children[0].Key as YamlScalarNode)?.Value != "log")
            {
                context.Error(steps.Children[i], key, "'before' is not supported with steps other than log: a before flow runs once per run, before the phases, and shares its captures with every user; put its requests in a scenario");
                continue;
            }

            var valueNode = step.Children[0].Value;
            var raw = (valueNode as YamlScalarNode)?.Value ?? string.Empty;
            if (raw.Contains("{{ $", StringComparison.Ordinal) || raw.Contains("{{$", StringComparison.Ordinal))
            {
                context.Error(valueNode, key + ".log", "'before' is not supported with template functions in its log: it runs outside any user");
                continue;
            }

            if (context.Runtime(valueNode, key + ".log") is { } text)
            {
                lines.Add(System.Text.RegularExpressions.Regex.Replace(text, @"\{([A-Za-z_][A-Za-z0-9_.\-]*)\}", m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : "undefined"));
            }
        }

        return lines;
    }
}
