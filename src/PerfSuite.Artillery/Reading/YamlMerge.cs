using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// The entries of a mapping with YAML merge keys applied (<c>&lt;&lt;: *defaults</c>, <c>&lt;&lt;: [*a, *b]</c> or an
/// anchored mapping in place): merged entries where the merge key stands, keys written in the mapping winning.
/// </summary>
internal static class YamlMerge
{
    public static IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode mapping)
    {
        var explicitKeys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Where(k => k != "<<").ToHashSet(StringComparer.Ordinal);
        var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
        var seen = new HashSet<string?>(StringComparer.Ordinal);
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is YamlScalarNode { Value: "<<" })
            {
                var sources = entry.Value is YamlSequenceNode list ? list.Children.ToList() : [entry.Value];
                foreach (var source in sources.OfType<YamlMappingNode>())
                {
                    foreach (var merged in Entries(source))
                    {
                        var name = (merged.Key as YamlScalarNode)?.Value;
                        if (!explicitKeys.Contains(name ?? string.Empty) && seen.Add(name))
                        {
                            entries.Add(merged);
                        }
                    }
                }
            }
            else if (seen.Add((entry.Key as YamlScalarNode)?.Value))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
