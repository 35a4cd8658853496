using System.Globalization;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.SocketIo;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>Socket.IO <c>emit</c> steps: data, acknowledgements and awaited events.</summary>
internal sealed partial class FlowReader
{
    private void Emit(YamlNode node, string key)
    {
        var entries = context.Mapping(node, key, EmitKeys, new Dictionary<string, string>(StringComparer.Ordinal) { ["namespace"] = "only the default namespace '/' is mapped" });
        if (entries is null)
        {
            return;
        }

        var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!values.TryGetValue("channel", out var channelNode) || context.Text(channelNode, key + ".channel") is not { } channel)
        {
            context.Error(node, key + ".channel", "an emit needs channel");
            return;
        }

        object?[] args = values.TryGetValue("data", out var dataNode) ? EmitData(dataNode, key + ".data") : [];
        context.Functions.AddSetters(builder);
        if (values.TryGetValue("response", out var responseNode))
        {
            var response = Reply(responseNode, key + ".response", ["channel", "data", "capture"]);
            if (response?.Channel is not { } waitFor)
            {
                context.Error(responseNode, key + ".response.channel", "a response needs channel");
                return;
            }

            builder.EmitAndWaitFor(channel, waitFor, args, response.Configure);
        }
        else if (values.TryGetValue("acknowledge", out var ackNode))
        {
            var ack = ackNode is YamlMappingNode ? Reply(ackNode, key + ".acknowledge", ["data", "capture"]) : null;
            builder.EmitWithAck(channel, args, ack?.Configure);
        }
        else
        {
            builder.Emit(channel, args);
        }
    }

    // An acknowledgement or awaited event: data (must equal the message's payload) and captures from it.
    private EmitReply? Reply(YamlNode node, string key, IReadOnlyCollection<string> allowed)
    {
        var entries = context.Mapping(node, key, [.. allowed, "match"]);
        if (entries is null)
        {
            return null;
        }

        var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var channel = values.TryGetValue("channel", out var channelNode) ? context.Text(channelNode, key + ".channel") : null;
        System.Text.Json.JsonElement? data = null;
        if (values.TryGetValue("data", out var dataNode) && YamlJson.Write(context, dataNode, key + ".data") is { } json)
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            data = document.RootElement.Clone();
        }

        var captures = values.TryGetValue("capture", out var captureNode) ? Captures(captureNode, key + ".capture") : [];
        var matches = values.TryGetValue("match", out var matchNode) ? Matches(matchNode, key + ".match") : [];
        return new EmitReply(channel, message =>
        {
            foreach (var (path, value, name) in matches)
            {
                message.CheckJson(path, value, name);
            }

            if (data is { } expected)
            {
                message.CheckJson("$", expected, $"{key}.data");
            }

            foreach (var (path, into, required) in captures)
            {
                if (required)
                {
                    message.Capture(path, into);
                }
                else
                {
                    message.CaptureOptional(path, into);
                }
            }
        });
    }

    // Artillery's match (json, value), one or a list: the value at the path must equal value. Artillery reads the path on
    // the list of the reply's arguments ($.0 is the first); PerfSuite's payload of a one-argument reply is that argument.
    private List<(string Path, string Expected, string Name)> Matches(YamlNode node, string key)
    {
        var result = new List<(string, string, string)>();
        var items = node is YamlSequenceNode list ? list.Children.ToList() : [node];
        for (var i = 0; i < items.Count; i++)
        {
            var itemKey = node is YamlSequenceNode ? $"{key}[{i}]" : key;
            var fields = context.Mapping(items[i], itemKey, ["json", "value"])?.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            if (fields is null || !fields.TryGetValue("json", out var jsonNode) || !fields.TryGetValue("value", out var valueNode))
            {
                context.Error(items[i], itemKey, "a match needs json and value");
                continue;
            }

            if (context.Text(jsonNode, itemKey + ".json") is { } path && context.Text(valueNode, itemKey + ".value") is { } value)
            {
                var first = FirstArgument().Match(path);
                result.Add((first.Success ? "$" + path[first.Length..] : path, value, $"match {path}"));
            }
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\$(\.0|\[0\])(?=\.|\[|$)")]
    private static partial System.Text.RegularExpressions.Regex FirstArgument();

    private object?[] EmitData(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar && !context.IsPlain(scalar))
        {
            return [context.Runtime(scalar, key)];
        }

        var json = YamlJson.Write(context, node, key);
        if (json is null)
        {
            return [];
        }

        if (node is not YamlScalarNode && json.Contains('{', StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(json, @"""[^""]*\{[A-Za-z_][A-Za-z0-9_]*\}[^""]*"""))
        {
            // Filled in per emit, as Artillery templates the whole data object for each user.
            return [new SocketIoJsonTemplate(json)];
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return [document.RootElement.Clone()];
    }

    private sealed record EmitReply(string? Channel, Action<MessageOptions> Configure);
}
