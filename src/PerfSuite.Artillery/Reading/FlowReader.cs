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

    private void Request(string verb, YamlNode node, string key)
    {
        var entries = context.Mapping(node, key, RequestKeys, UnsupportedRequestKeys);
        if (entries is null)
        {
            return;
        }

        var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!values.TryGetValue("url", out var urlNode))
        {
            context.Error(node, key + ".url", "a request needs url");
            return;
        }

        // {{ target }} is config.target (or --target): a URL that starts with it is a path from the run's target.
        var url = urlNode is YamlScalarNode { Value: { } raw } && TargetPrefix().Match(raw) is { Success: true } prefix
            ? context.Runtime("/" + raw[prefix.Length..], urlNode, key + ".url")
            : context.Runtime(urlNode, key + ".url");

        if (url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            context.Error(urlNode, key + ".url", $"'{url}' is absolute; write a path from config.target (the run's target)");
            url = null;
        }

        if (values.TryGetValue("qs", out var qsNode))
        {
            url = Query(url, qsNode, key + ".qs");
        }

        if (values.ContainsKey("json") && values.TryGetValue("body", out var both))
        {
            context.Error(both, key + ".body", "json and body exclude each other: give one");
        }

        string? body = null;
        if (values.TryGetValue("json", out var jsonNode))
        {
            body = YamlJson.Write(context, jsonNode, key + ".json");
        }
        else if (values.TryGetValue("body", out var bodyNode))
        {
            body = context.Runtime(bodyNode, key + ".body");
        }

        var headers = values.TryGetValue("headers", out var headersNode) ? Headers(headersNode, key + ".headers") : null;
        var hookHeaders = new List<(string Name, string Template, YamlNode Node, string Key)>(context.ScenarioHeaders.Select(h => (h.Name, h.Template, node, key)));
        var equalities = new List<string[]>();
        string? statusTemplate = null;
        var expect = values.TryGetValue("expect", out var expectNode) ? Expect(expectNode, key + ".expect", equalities, out statusTemplate) : (null, null, [], [], []);
        var captures = values.TryGetValue("capture", out var captureNode) ? Captures(captureNode, key + ".capture") : [];
        if (values.TryGetValue("strict", out var strictNode) && context.Boolean(strictNode, key + ".strict") == false)
        {
            // strict: false beside capture: (the CSR scripts) makes every capture of the request optional.
            captures = captures.Select(c => c with { Required = false }).ToList();
        }

        var followRedirects = !(values.TryGetValue("followRedirect", out var redirectNode) && context.Boolean(redirectNode, key + ".followRedirect") == false);

        foreach (var hook in new[] { "beforeRequest", "afterResponse" })
        {
            if (!values.TryGetValue(hook, out var hookNode))
            {
                continue;
            }

            if (context.TranslatedHook(hookNode, hook, $"{key}.{hook}") is { } translated)
            {
                hookHeaders.AddRange(translated.Select(h => (h.Name, h.Template, hookNode, $"{key}.{hook}")));
            }
            else
            {
                hooks.Add(context, hookNode, hook, $"{key}.{hook}");
            }
        }

        // A translated hook runs before the request is sent: its headers win over the request's own, as in Artillery.
        foreach (var (name, template, hookNode, hookKey) in hookHeaders)
        {
            if (context.Runtime(template, hookNode, hookKey) is { } text)
            {
                headers ??= [];
                headers.RemoveAll(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
                headers.Add((name, text, text.Contains('{', StringComparison.Ordinal)));
            }
        }

        if (url is null)
        {
            return;
        }

        var method = verb switch
        {
            "get" => HttpMethod.Get,
            "post" => HttpMethod.Post,
            "put" => HttpMethod.Put,
            "patch" => HttpMethod.Patch,
            _ => HttpMethod.Delete,
        };
        var requestName = values.TryGetValue("name", out var nameNode) ? context.Text(nameNode, key + ".name") : null;
        var endpoint = naming.Name(method.Method, url, requestName);
        context.Functions.AddSetters(builder);
        if (url.Length > 2 && url[0] == '{' && url[^1] == '}' && context.Undefined.Contains(url[1..^1]))
        {
            // Artillery's whole-value template of an unset variable is undefined, and its request fails before sending.
            builder.Step(endpoint ?? $"{method.Method} {url}", (_, _) => throw new InvalidOperationException("Invalid URL - undefined"));
            return;
        }

        builder.Request(method, url, request =>
        {
            if (endpoint is not null)
            {
                request.EndpointName(endpoint);
            }

            if (body is not null)
            {
                request.Json(body);
            }

            if (!followRedirects)
            {
                request.NoRedirects();
            }

            foreach (var (name, value, templated) in headers ?? [])
            {
                if (templated)
                {
                    request.HeaderTemplate(name, value);
                }
                else
                {
                    request.Header(name, value);
                }
            }

            if (expectNode is null)
            {
                // Artillery counts a 4xx/5xx as a code and goes on unless the script has expect.
                request.AnyStatus();
            }
            else if (statusTemplate is not null)
            {
                request.ExpectFrom(statusTemplate);
            }
            else if (expect.AnyOf is { Count: > 0 } anyOf)
            {
                request.ExpectAnyOf([.. anyOf]);
            }
            else if (expect.Status is { } status)
            {
                request.Expect(status);
            }

            foreach (var property in expect.Properties)
            {
                request.CheckJsonExists(property);
            }

            foreach (var type in expect.ContentTypes)
            {
                request.CheckContentType(type);
            }

            foreach (var (name, passes) in expect.BodyChecks)
            {
                request.CheckBody(name, passes);
            }

            foreach (var compared in equalities)
            {
                request.CheckEqual(compared);
            }

            foreach (var (path, into, required) in captures)
            {
                if (path.StartsWith(HeaderCapturePrefix, StringComparison.Ordinal))
                {
                    request.CaptureHeader(path[HeaderCapturePrefix.Length..], into, required);
                }
                else if (required)
                {
                    request.Capture(path, into);
                }
                else
                {
                    request.CaptureOptional(path, into);
                }
            }
        });
    }

    private string? Query(string? url, YamlNode node, string key)
    {
        var entries = node is YamlMappingNode map ? YamlMerge.Entries(map) : null;
        if (entries is null)
        {
            context.Error(node, key, "must be a mapping of query parameters");
            return url;
        }

        var parts = new List<string>();
        foreach (var (name, value) in entries)
        {
            var parameter = (name as YamlScalarNode)?.Value ?? string.Empty;
            if (context.Runtime(value, $"{key}.{parameter}") is { } text)
            {
                parts.Add($"{Uri.EscapeDataString(parameter)}={(text.Contains('{', StringComparison.Ordinal) ? text : Uri.EscapeDataString(text))}");
            }
        }

        return url is null ? null : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join("&", parts);
    }

    // A value with {{ variables }} or template functions is filled in per request (the engine's HeaderTemplate).
    private List<(string Name, string Value, bool Templated)>? Headers(YamlNode node, string key)
    {
        if (node is not YamlMappingNode map)
        {
            context.Error(node, key, "must be a mapping of header names to values");
            return null;
        }

        var headers = new List<(string Name, string Value, bool Templated)>();
        foreach (var (name, value) in YamlMerge.Entries(map))
        {
            var header = (name as YamlScalarNode)?.Value ?? string.Empty;
            if (context.Runtime(value, $"{key}.{header}") is { } text)
            {
                headers.RemoveAll(h => string.Equals(h.Name, header, StringComparison.OrdinalIgnoreCase));
                headers.Add((header, text, text.Contains('{', StringComparison.Ordinal) && text != (value as YamlScalarNode)?.Value));
            }
        }

        return headers;
    }

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

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\{\{\s*target\s*\}\}/?")]
    private static partial System.Text.RegularExpressions.Regex TargetPrefix();
}
