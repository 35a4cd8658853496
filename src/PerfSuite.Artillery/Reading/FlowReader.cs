using System.Globalization;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.SocketIo;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// A scenario's <c>flow</c> → steps on a <see cref="ScenarioBuilder"/>. Nested lists (a whole flow reused through an
/// alias, <c>- *sharedFlow</c>) are flattened as Artillery does; loops are unrolled.
/// </summary>
internal sealed partial class FlowReader(ScriptContext context, HookReferences hooks, ScenarioBuilder builder, string engine, Action<string> log, EndpointNaming naming)
{
    private static readonly string[] Verbs = ["get", "post", "put", "patch", "delete"];

    private static readonly string[] StepKeys = ["get", "post", "put", "patch", "delete", "think", "log", "loop", "function", "emit"];

    private static readonly string[] RequestKeys = ["url", "json", "body", "headers", "qs", "capture", "expect", "beforeRequest", "afterResponse", "strict", "followRedirect", "name"];

    // Artillery runs a step whose key is not one of its own as a request with that method: these are named.
    private static readonly Dictionary<string, string> UnsupportedSteps = new(StringComparer.Ordinal)
    {
        ["parallel"] = "parallel requests: PerfSuite's users send one request at a time",
        ["head"] = "HEAD and OPTIONS requests: the importer maps get, post, put, patch and delete",
        ["options"] = "HEAD and OPTIONS requests: the importer maps get, post, put, patch and delete",
        ["upload"] = "file uploads (multipart): the importer sends json or body",
        ["send"] = "the ws engine (send, connect): PerfSuite speaks HTTP and Socket.IO",
        ["connect"] = "the ws engine (send, connect): PerfSuite speaks HTTP and Socket.IO",
    };

    private static readonly Dictionary<string, string> UnsupportedRequestKeys = new(StringComparer.Ordinal)
    {
        ["form"] = "form bodies are not sent by the importer; send json or body",
        ["formData"] = "multipart bodies are not sent by the importer; send json or body",
        ["auth"] = "basic auth is not mapped; the bearer token comes from the token hook",
        ["cookie"] = "per-request cookies are not mapped; the oidc-jwt cookie comes from the token hook",
        ["ifTrue"] = "conditional requests are not mapped",
        ["match"] = "Artillery's legacy match is not mapped; use capture or expect",
    };

    private static readonly string[] CaptureKeys = ["json", "as", "strict", "header"];

    private static readonly string[] EmitKeys = ["channel", "data", "response", "acknowledge"];

    public void Read(YamlNode node, string key)
    {
        if (node is not YamlSequenceNode flow)
        {
            context.Error(node, key, "must be a list of steps");
            return;
        }

        for (var i = 0; i < flow.Children.Count; i++)
        {
            var item = flow.Children[i];
            var path = $"{key}[{i}]";
            if (item is YamlSequenceNode)
            {
                Read(item, path);
            }
            else
            {
                Step(item, path);
            }
        }
    }

    private void Step(YamlNode node, string key)
    {
        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            context.Error(node, key, $"a step must be a mapping with one of: {string.Join(", ", StepKeys)}");
            return;
        }

        var first = ((mapping.Children[0].Key as YamlScalarNode)?.Value) ?? string.Empty;
        if (first == "loop" || mapping.Children.Any(c => (c.Key as YamlScalarNode)?.Value == "loop"))
        {
            Loop(mapping, key);
            return;
        }

        if (mapping.Children.Count == 1 && !StepKeys.Contains(first) && first != "parallel" && WithoutUrl(mapping.Children[0].Value))
        {
            // Artillery's HTTP engine sends any other key as a request with that method, and one without url fails
            // before sending (engine_http.ts): the ws steps of a scenario without engine: ws, e.g. send: { text: hi }.
            NoUrl(mapping.Children[0].Key, first, key);
            return;
        }

        // A request step's other keys (count: 2 beside get:) are not read by Artillery, which sends the first key's
        // request (engine_http.ts: _.keys(requestSpec)[0]): ignored with a warning. Elsewhere an unknown key is refused.
        var entries = context.Mapping(node, key, StepKeys, UnsupportedSteps, ignoreUnknown: Verbs.Contains(first));
        if (entries is null || entries.Count == 0)
        {
            return;
        }

        if (entries.Count > 1)
        {
            context.Error(entries[1].KeyNode, $"{key}.{entries[1].Key}", $"a step has one action; '{entries[0].Key}' and '{entries[1].Key}' are in the same step");
            return;
        }

        var (action, _, value) = entries[0];
        var path = $"{key}.{action}";
        switch (action)
        {
            case "think" when value is YamlScalarNode { Value: { } thinkText } && TemplateFunctions.RandomRange(thinkText) is { } range:
                // Artillery draws a whole number of seconds in [min, max]; a uniform time in [min, max) has the same mean.
                builder.Think(TimeSpan.FromSeconds(range.Min), TimeSpan.FromSeconds(range.Max));
                break;
            case "think":
                if (context.Number(value, path, 0) is { } seconds)
                {
                    builder.Think(TimeSpan.FromSeconds(seconds));
                }

                break;
            case "function":
                hooks.Add(context, value, "function", path);
                break;
            case "emit" when engine != "socketio":
                context.Error(node, path, "emit needs engine: socketio on the scenario");
                break;
            case "emit":
                Emit(value, path);
                break;
            case "log":
                Log(value, path);
                break;
            default:
                Request(action, value, path);
                break;
        }
    }

    private static bool WithoutUrl(YamlNode value) =>
        value is YamlMappingNode map ? !map.Children.Keys.Any(k => (k as YamlScalarNode)?.Value is "url" or "uri") : value is YamlScalarNode { Value: { Length: > 0 } };

    private void NoUrl(YamlNode node, string action, string key)
    {
        var method = action.ToUpperInvariant();
        context.Warnings.Add(new ArtilleryWarning(context.File, node.Start.Line, node.Start.Column, $"{key}.{action}",
            $"'{action}' has no url: Artillery's HTTP engine sends it as a {method} request and fails it with 'an URL must be specified' before sending (the scenario has no engine: ws), so does PerfSuite"));
        builder.Step($"{method} (no url)", (_, _) => throw new InvalidOperationException("an URL must be specified"));
    }

    private void Log(YamlNode value, string key)
    {
        if (context.Runtime(value, key) is { } message)
        {
            context.Functions.AddSetters(builder);
            // A log line never stops a flow: a variable an optional capture did not find prints as Artillery prints it.
            builder.Do(step => log(Placeholder().Replace(message, m => step.TryGet(m.Groups[1].Value, out var v) ? v : "undefined")));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\{\{\s*target\s*\}\}/?")]
    private static partial System.Text.RegularExpressions.Regex TargetPrefix();
}
