using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>A <c>loop</c> step: unrolled with <c>count</c> or <c>over</c> (a list in the script or a <c>loadAll</c> payload), a run-time loop without either.</summary>
internal sealed partial class FlowReader
{
    private void Loop(YamlMappingNode node, string key)
    {
        var before = context.Problems.Count;
        var entries = context.Mapping(node, key, ["loop", "count", "over"], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["whileTrue"] = "a JavaScript condition; use count or over",
        });
        if (entries is null || context.Problems.Count > before)
        {
            return;
        }

        var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!values.TryGetValue("loop", out var steps))
        {
            return;
        }

        values.TryGetValue("count", out var countNode);
        if (countNode is not null && values.ContainsKey("over"))
        {
            // Artillery's createLoopWithCount reads over first; count is then not used.
            context.Ignore(entries.First(e => e.Key == "count").KeyNode, key + ".count");
            countNode = null;
        }

        var count = countNode is null || values.ContainsKey("over") ? (int?)null : context.Integer(countNode, key + ".count", 0);
        if (countNode is not null && count is null)
        {
            return;
        }

        if (!values.ContainsKey("over") && (count ?? 0) == 0)
        {
            // createLoopWithCount(requestSpec.count || -1): no count (or 0) loops for as long as the run lasts.
            context.Warnings.Add(new ArtilleryWarning(context.File, node.Start.Line, node.Start.Column, key,
                $"a loop without count{(countNode is null ? string.Empty : " (count 0)")} repeats until the run stops, as in Artillery (createLoopWithCount(count || -1)); PerfSuite stops its users with the run, after the graceful stop, and counts them failed"));
            context.Loops.Push((null, -1));
            builder.RepeatUntilStopped(nested => new FlowReader(context, hooks, nested, engine, log, naming).Read(steps, key + ".loop"));
            context.Loops.Pop();
            return;
        }

        if (count is not null)
        {
            for (var i = 0; i < count; i++)
            {
                context.Loops.Push((null, i + 1));
                Read(steps, key + ".loop");
                context.Loops.Pop();
            }

            return;
        }

        var over = values["over"];
        if (over is YamlScalarNode { Value: { } listName } && context.Datasets.TryGetValue(listName.Trim(), out var dataset))
        {
            // Artillery's over: "name" reads the variable at run time; a loadAll payload is the same for every user.
            for (var i = 0; i < dataset.Count; i++)
            {
                context.Loops.Push((dataset[i], i + 1));
                Read(steps, key + ".loop");
                context.Loops.Pop();
            }

            return;
        }

        if (over is not YamlSequenceNode items)
        {
            context.Error(over, key + ".over", "over must be a list written in the script or the name of a loadAll payload; a variable set at run time (a capture) holding a list is not supported");
            return;
        }

        for (var i = 0; i < items.Children.Count; i++)
        {
            if (context.Text(items.Children[i], $"{key}.over[{i}]") is { } element)
            {
                context.Loops.Push((System.Text.Json.Nodes.JsonValue.Create(element), i + 1));
                Read(steps, key + ".loop");
                context.Loops.Pop();
            }
        }
    }
}
