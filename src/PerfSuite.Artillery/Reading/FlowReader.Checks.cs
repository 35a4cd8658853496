using System.Globalization;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.SocketIo;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>A request's <c>expect</c> and <c>capture</c>, and the JSONPath subset the engine reads.</summary>
internal sealed partial class FlowReader
{
    // StatusTemplate: a statusCode from a variable (expect plugin: Number(status) === Number(template)); Equalities: the
    // plugin's equals, every value templated and compared as text once the response's captures are set.
    private (int? Status, List<int>? AnyOf, List<string> Properties, List<string> ContentTypes, List<(string Name, Func<string, bool> Passes)> BodyChecks) Expect(
        YamlNode node, string key, List<string[]> equalities, out string? statusTemplate)
    {
        statusTemplate = null;
        List<int>? anyOf = null;
        var bodyChecks = new List<(string Name, Func<string, bool> Passes)>();
        var items = node is YamlSequenceNode list ? list.Children.ToList() : [node];
        int? status = null;
        var properties = new List<string>();
        var contentTypes = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = node is YamlSequenceNode ? $"{key}[{i}]" : key;
            var entries = context.Mapping(items[i], path, ["statusCode", "hasProperty", "contentType", "matchesRegexp", "notHasProperty", "equals"], new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["hasHeader"] = "response headers are not checked",
                ["headerEquals"] = "response headers are not checked",
                ["cdnHit"] = "CDN headers are not checked",
            });
            foreach (var (name, _, value) in entries ?? [])
            {
                if (name == "statusCode" && value is YamlSequenceNode statuses)
                {
                    // The expect plugin passes when the status is any of the list.
                    anyOf = statuses.Children.Select((s, j) => context.Integer(s, $"{path}.statusCode[{j}]", 100)).OfType<int>().ToList();
                }
                else if (name == "statusCode" && KnownStatus(value) is null && value is YamlScalarNode { Value: { } raw } && raw.Contains("{{", StringComparison.Ordinal)
                    && context.Runtime(value, path + ".statusCode") is { } template && template.Contains('{', StringComparison.Ordinal))
                {
                    statusTemplate = template;
                }
                else if (name == "statusCode")
                {
                    status = KnownStatus(value) ?? context.Integer(value, path + ".statusCode", 100);
                }
                else if (name == "equals")
                {
                    if (value is not YamlSequenceNode { Children.Count: >= 1 } compared)
                    {
                        context.Error(value, path + ".equals", "must be a list of the values to compare, e.g. [\"{{ name }}\", Luna]");
                        continue;
                    }

                    var texts = compared.Children.Select((c, j) => context.Runtime(c, $"{path}.equals[{j}]")).ToList();
                    if (texts.All(t => t is not null))
                    {
                        // One value is trivially equal to itself (lodash uniq of one); the engine wants two.
                        equalities.Add(texts.Count == 1 ? [texts[0]!, texts[0]!] : [.. texts!]);
                    }
                }
                else if (name == "contentType")
                {
                    // The expect plugin's rule (CheckContentType): json, or the whole header value.
                    var type = context.Runtime(value, path + ".contentType");
                    if (type is not null && type.Contains('{', StringComparison.Ordinal))
                    {
                        context.Error(value, path + ".contentType", "'contentType' from a variable is not supported: the expected type is fixed when the flow is built");
                    }
                    else if (type is not null)
                    {
                        contentTypes.Add(type);
                    }
                }
                else if (name is "matchesRegexp" or "notHasProperty")
                {
                    if (BodyCheck(name, value, path + "." + name) is { } check)
                    {
                        bodyChecks.Add(check);
                    }
                }
                else if (context.Text(value, path + ".hasProperty") is { } property)
                {
                    properties.Add("$." + property);
                }
            }
        }

        return (status, anyOf, properties, contentTypes, bodyChecks);
    }

    // A statusCode template known when the flow is built ({{ $loopElement.code }} over a loadAll payload): the plugin
    // compares Number(status) with Number(template).
    private int? KnownStatus(YamlNode value)
    {
        if (value is not YamlScalarNode { Value: { } raw } || !raw.Contains("{{", StringComparison.Ordinal) || context.Loops.Count + context.Datasets.Count == 0)
        {
            return null;
        }

        var probe = new ScriptContext(context.File, _ => null, []);
        foreach (var loop in context.Loops.Reverse())
        {
            probe.Loops.Push(loop);
        }

        foreach (var (name, data) in context.Datasets)
        {
            probe.Datasets[name] = data;
        }

        return probe.Runtime(value, "statusCode") is { } text && probe.Problems.Count == 0 && !text.Contains('{', StringComparison.Ordinal)
            && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599 ? status : null;
    }

    // The expect plugin's matchesRegexp (the pattern tested on the body) and notHasProperty (lodash's has on the parsed
    // body: a dotted path that must not exist; a body that is not JSON has no property).
    private (string Name, Func<string, bool> Passes)? BodyCheck(string name, YamlNode value, string key)
    {
        var text = context.Text(value, key);
        if (text is null)
        {
            return null;
        }

        if (name == "notHasProperty")
        {
            var segments = text.Split('.');
            return ($"notHasProperty {text}", body =>
            {
                try
                {
                    using var document = System.Text.Json.JsonDocument.Parse(body);
                    var element = document.RootElement;
                    foreach (var segment in segments)
                    {
                        if (element.ValueKind != System.Text.Json.JsonValueKind.Object || !element.TryGetProperty(segment, out element))
                        {
                            return true;
                        }
                    }

                    return false;
                }
                catch (System.Text.Json.JsonException)
                {
                    return true;
                }
            });
        }

        try
        {
            var regex = new System.Text.RegularExpressions.Regex(text, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return ($"matchesRegexp {text}", body => regex.IsMatch(body));
        }
        catch (ArgumentException e)
        {
            context.Error(value, key, $"'{text}' is not a regular expression: {e.Message}");
            return null;
        }
    }

    // strict: false (Artillery: a failed capture does not end the flow) maps to an optional capture.
    // A header capture in the list of captures: JSON paths start with '$', so this prefix cannot be one.
    private const string HeaderCapturePrefix = "header:";

    private List<(string Path, string Into, bool Required)> Captures(YamlNode node, string key)
    {
        var items = node is YamlSequenceNode list ? list.Children.ToList() : [node];
        var captures = new List<(string Path, string Into, bool Required)>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = node is YamlSequenceNode ? $"{key}[{i}]" : key;
            var before = context.Problems.Count;
            var entries = context.Mapping(items[i], path, CaptureKeys, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["regexp"] = "only json captures are mapped",
                ["xpath"] = "only json captures are mapped",
                ["selector"] = "only json captures are mapped",
                ["transform"] = "transforms are JavaScript",
            });
            if (entries is null || context.Problems.Count > before)
            {
                continue;
            }

            var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            if (values.TryGetValue("header", out var headerNode) && !values.ContainsKey("json") && values.TryGetValue("as", out var headerInto))
            {
                // engine_util extractHeader: headers[name] || '', and '' is a failed capture (isCaptureFailed) unless strict: false.
                var headerRequired = !values.TryGetValue("strict", out var headerStrict) || context.Boolean(headerStrict, path + ".strict") != false;
                if (context.Text(headerNode, path + ".header") is { } header && context.Text(headerInto, path + ".as") is { } target)
                {
                    if (!string.Equals(header, header.ToLowerInvariant(), StringComparison.Ordinal))
                    {
                        context.Warnings.Add(new ArtilleryWarning(context.File, headerNode.Start.Line, headerNode.Start.Column, path + ".header",
                            $"header '{header}' has capital letters: Artillery never finds it (Node gives header names in lower case); PerfSuite matches it ignoring case"));
                    }

                    captures.Add((HeaderCapturePrefix + header, target, headerRequired));
                }

                continue;
            }

            if (!values.TryGetValue("json", out var jsonNode) || !values.TryGetValue("as", out var asNode))
            {
                context.Error(items[i], path, "a capture needs json (a JSONPath such as $.appointment.appointment_id) or header, and as");
                continue;
            }

            var required = !values.TryGetValue("strict", out var strictNode) || context.Boolean(strictNode, path + ".strict") != false;

            var jsonPath = JsonPath(jsonNode, path + ".json");
            var into = context.Text(asNode, path + ".as");
            if (jsonPath is not null && into is not null)
            {
                captures.Add((jsonPath, into, required));
            }
        }

        return captures;
    }

    private string? JsonPath(YamlNode node, string key)
    {
        var text = context.Text(node, key)?.Trim();
        if (text is null)
        {
            return null;
        }

        var segments = new List<string>();
        var ok = text.StartsWith('$');
        var rest = ok ? text[1..] : text;
        while (ok && rest.Length > 0)
        {
            if (rest[0] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], 1);
                var name = end < 0 ? rest[1..] : rest[1..end];
                ok = name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-');
                segments.Add(name);
                rest = end < 0 ? string.Empty : rest[end..];
            }
            else if (rest[0] == '[')
            {
                var end = rest.IndexOf(']', StringComparison.Ordinal);
                var index = end < 0 ? string.Empty : rest[1..end];
                ok = end > 1 && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out _);
                segments.Add(index);
                rest = end < 0 ? string.Empty : rest[(end + 1)..];
            }
            else
            {
                ok = false;
            }
        }

        if (!ok || segments.Count == 0)
        {
            context.Error(node, key, $"'{text}' is not a supported JSONPath: use $.name.name and [index], e.g. $.appointment.appointment_id or $[0].id");
            return null;
        }

        // The engine's paths read 'a.b' and '$[0].id'; 'a.b' is what hand-written scenarios use.
        return text.StartsWith("$.", StringComparison.Ordinal) ? text[2..] : text;
    }
}
