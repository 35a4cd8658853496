using PerfSuite.Reporting.Thresholds;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// <c>config.ensure</c> → budget limits. Artillery's legacy keys (<c>p50</c>/<c>median</c>, <c>p95</c>, <c>p99</c>,
/// <c>max</c> in ms, <c>maxErrorRate</c> in percent) and the <c>thresholds</c> list over <c>http.response_time.*</c>.
/// </summary>
internal static class EnsureReader
{
    private static readonly string[] Keys = ["p50", "median", "p95", "p99", "p999", "max", "mean", "maxErrorRate", "thresholds"];

    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["min"] = "PerfSuite budgets are upper limits; a minimum latency is not a budget",
        ["conditions"] = "expressions are not evaluated; write each as a thresholds entry (http.response_time.p95: 200)",
    };

    public static BudgetLimits Read(ScriptContext context, YamlNode node)
    {
        var entries = context.Mapping(node, "config.ensure", Keys, Unsupported);
        var limits = BudgetLimits.None;
        foreach (var (key, _, value) in entries ?? [])
        {
            var path = "config.ensure." + key;
            limits = key == "thresholds" ? Thresholds(context, value, limits) : Set(context, limits, key, value, path);
        }

        return limits;
    }

    private static BudgetLimits Thresholds(ScriptContext context, YamlNode node, BudgetLimits limits)
    {
        if (node is not YamlSequenceNode list)
        {
            context.Error(node, "config.ensure.thresholds", "must be a list of 'metric: limit' entries, e.g. - http.response_time.p95: 200");
            return limits;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"config.ensure.thresholds[{i}]";
            if (list.Children[i] is not YamlMappingNode { Children.Count: 1 } entry)
            {
                context.Error(list.Children[i], path, "must be one 'metric: limit' entry, e.g. http.response_time.p95: 200");
                continue;
            }

            var (keyNode, value) = entry.Children.Single();
            var metric = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            const string prefix = "http.response_time.";
            if (!metric.StartsWith(prefix, StringComparison.Ordinal) || metric[prefix.Length..] is not ("p50" or "median" or "p95" or "p99" or "p999" or "max" or "mean"))
            {
                context.Error(keyNode, $"{path}.{metric}", $"unsupported threshold metric '{metric}' (supported: {prefix}p50, median, p95, p99, p999, max, mean)");
                continue;
            }

            limits = Set(context, limits, metric[prefix.Length..], value, $"{path}.{metric}");
        }

        return limits;
    }

    private static BudgetLimits Set(ScriptContext context, BudgetLimits limits, string key, YamlNode value, string path)
    {
        if (context.Number(value, path, 0) is not { } limit)
        {
            return limits;
        }

        return key switch
        {
            "p50" or "median" => limits with { P50Ms = limit },
            "p95" => limits with { P95Ms = limit },
            "p99" => limits with { P99Ms = limit },
            "p999" => limits with { P999Ms = limit },
            "max" => limits with { MaxMs = limit },
            "mean" => limits with { MeanMs = limit },
            _ => limits with { ErrorRate = limit / 100.0 },
        };
    }
}
