using PerfSuite.Engine.Load;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary><c>config.phases</c> → load phases: arrivals (rate, ramp, count, cap) and pauses.</summary>
internal static class PhasesReader
{
    private static readonly string[] Keys = ["name", "duration", "arrivalRate", "rampTo", "arrivalCount", "pause", "maxVusers"];

    public static IReadOnlyList<LoadPhase> Read(ScriptContext context, YamlNode node)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            context.Error(node, "config.phases", "must be a non-empty list of phases");
            return [];
        }

        var phases = new List<LoadPhase>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (ReadPhase(context, sequence.Children[i], $"config.phases[{i}]", i) is { } phase)
            {
                phases.Add(phase);
            }
        }

        return phases;
    }

    private static LoadPhase? ReadPhase(ScriptContext context, YamlNode node, string key, int index)
    {
        var entries = context.Mapping(node, key, Keys);
        if (entries is null)
        {
            return null;
        }

        var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var name = values.TryGetValue("name", out var nameNode) ? context.Text(nameNode, key + ".name") : null;
        name = string.IsNullOrWhiteSpace(name) ? $"phase {index + 1}" : name;
        int? maxVusers = values.TryGetValue("maxVusers", out var capNode) ? context.Integer(capNode, key + ".maxVusers", 1) : null;
        if (values.TryGetValue("pause", out var pauseNode))
        {
            foreach (var other in values.Keys.Where(k => k is not ("name" or "pause")))
            {
                context.Error(values[other], $"{key}.{other}", "a pause phase takes only name and pause");
            }

            return context.Duration(pauseNode, key + ".pause") is { } pause ? new PausePhase(name, pause) : null;
        }

        if (!values.TryGetValue("duration", out var durationNode))
        {
            context.Error(node, key + ".duration", $"a phase needs duration (seconds) with arrivalRate or arrivalCount, or pause (was a phase with {(values.Count == 0 ? "no keys" : string.Join(", ", values.Keys))})");
            return null;
        }

        var duration = context.Duration(durationNode, key + ".duration");
        if (values.TryGetValue("arrivalCount", out var countNode))
        {
            if (values.ContainsKey("arrivalRate") || values.ContainsKey("rampTo"))
            {
                context.Error(countNode, key + ".arrivalCount", "arrivalCount excludes arrivalRate and rampTo: give one of them");
                return null;
            }

            var count = context.Integer(countNode, key + ".arrivalCount", 0);
            return duration is { } d && count is { } n && d > TimeSpan.Zero
                ? new ArrivalPhase(name, d, n / d.TotalSeconds) { MaxVusers = maxVusers }
                : null;
        }

        if (!values.TryGetValue("arrivalRate", out var rateNode))
        {
            context.Error(node, key + ".arrivalRate", "a phase needs arrivalRate or arrivalCount (or is a pause)");
            return null;
        }

        var rate = context.Number(rateNode, key + ".arrivalRate", 0);
        double? rampTo = values.TryGetValue("rampTo", out var rampNode) ? context.Number(rampNode, key + ".rampTo", 0) : null;
        return duration is { } length && rate is { } r
            ? new ArrivalPhase(name, length, r) { RampTo = rampTo, MaxVusers = maxVusers }
            : null;
    }
}
