using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>A request step (<c>get</c>, <c>post</c>, <c>put</c>, <c>patch</c>, <c>delete</c>): URL, query, body, headers, expectations, captures and hooks.</summary>
internal sealed partial class FlowReader
{
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
}
