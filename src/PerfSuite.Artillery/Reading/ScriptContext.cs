using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>Reading state of one script: the file, every problem so far, the environment and typed access to nodes.</summary>
internal sealed partial class ScriptContext(string file, Func<string, string?> environment, HashSet<(long Line, long Column)> quotedTemplates)
{
    public string File { get; } = file;

    public List<ArtilleryProblem> Problems { get; } = [];

    /// <summary>Keys Artillery ignores, so PerfSuite ignores them too (and says so).</summary>
    public List<ArtilleryWarning> Warnings { get; } = [];

    /// <summary>Under <c>--strict</c> a key Artillery ignores is a problem instead of a warning.</summary>
    public bool Strict { get; init; }

    /// <summary>For a dry run: an unset environment variable is a warning and reads as empty text.</summary>
    public bool AllowMissingEnvironment { get; init; }

    /// <summary>Values of <c>$loopElement</c> (<c>null</c> in a loop with count) and <c>$loopCount</c> while a loop is unrolled (innermost last).</summary>
    public Stack<(JsonNode? Element, int Count)> Loops { get; } = new();

    /// <summary>
    /// <c>config.payload</c> entries with <c>loadAll</c> and <c>name</c> and no <c>order</c>: the whole file, a list of
    /// rows (objects keyed by <c>fields</c>), the same for every user (Artillery's everything reader).
    /// </summary>
    public Dictionary<string, JsonArray> Datasets { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>loadAll</c> entries with an <c>order</c>: Artillery's reader then gives each user one row as a list of cells,
    /// fed as the variables <c>name</c> (the list as JSON) and <c>name.0</c>, <c>name.1</c>... (its cells); the value is the number of cells.
    /// </summary>
    public Dictionary<string, int> RowDatasets { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables the scenario being read uses before anything sets them: Artillery renders them as <c>undefined</c>.</summary>
    public HashSet<string> Undefined { get; } = new(StringComparer.Ordinal);

    /// <summary><c>config.processor</c>, read as text, when it is there.</summary>
    public ProcessorFile? Processor { get; set; }

    /// <summary>Headers set by the scenario-level <c>beforeRequest</c> functions translated for the scenario being read.</summary>
    public List<(string Name, string Template)> ScenarioHeaders { get; } = [];

    /// <summary>
    /// The headers a <c>beforeRequest</c> function sets when that is all it does (<see cref="HeaderHook"/>), with a
    /// warning that says it was translated; <c>null</c> otherwise (the hook is then named as JavaScript).
    /// </summary>
    public IReadOnlyList<(string Name, string Template)>? TranslatedHook(YamlNode node, string kind, string key)
    {
        if (kind != "beforeRequest" || node is not YamlScalarNode { Value: { } name } || Processor?.Find(name) is not { } definition
            || HeaderHook.Translate(definition.Body) is not { } headers)
        {
            return null;
        }

        Warnings.Add(new ArtilleryWarning(File, node.Start.Line, node.Start.Column, key,
            $"{kind} '{name}' (defined at {definition.Where}) only sets headers: translated to {string.Join(", ", headers.Select(h => $"{h.Name}: {h.Template}"))} on each request; its JavaScript is not run"));
        return headers;
    }

    /// <summary>Template functions read so far whose variables are not set by a step yet.</summary>
    public TemplateFunctions Functions { get; } = new();

    public string Where(YamlNode node) => $"{File}:{node.Start.Line}:{node.Start.Column}";

    public void Error(YamlNode node, string key, string message) => Error(node.Start, key, message);

    public void Error(Mark mark, string key, string message) => Problems.Add(new ArtilleryProblem(File, mark.Line, mark.Column, key, message));

    /// <summary>A key Artillery accepts and does nothing with (its schema allows unknown keys everywhere).</summary>
    public void Ignore(YamlNode keyNode, string key)
    {
        if (Strict)
        {
            Error(keyNode, key, $"key '{key}' is ignored by Artillery; refused under --strict");
        }
        else
        {
            Warnings.Add(new ArtilleryWarning(File, keyNode.Start.Line, keyNode.Start.Column, key, $"key '{key}' is ignored, as Artillery does"));
        }
    }

    /// <summary>A key with no value (<c>variables:</c> and nothing after it): YAML null, which Artillery reads as an empty section.</summary>
    public static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public bool IsPlain(YamlScalarNode node) =>
        node.Style is ScalarStyle.Plain or ScalarStyle.Any || quotedTemplates.Contains((node.Start.Line, node.Start.Column));

    /// <summary>
    /// The entries of a mapping, in file order. A key in <paramref name="unsupported"/> is a problem naming the feature;
    /// any other key outside <paramref name="allowed"/> is ignored with a warning, as Artillery ignores it, unless
    /// <paramref name="ignoreUnknown"/> is false (a step's action: Artillery would send it as a request).
    /// An empty value is an empty mapping.
    /// </summary>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)>? Mapping(
        YamlNode node, string key, IReadOnlyCollection<string> allowed, IReadOnlyDictionary<string, string>? unsupported = null, bool ignoreUnknown = true)
    {
        if (IsEmpty(node))
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, key, $"must be a mapping ({string.Join(", ", allowed)})");
            return null;
        }

        var entries = new List<(string, YamlNode, YamlNode)>();
        foreach (var (keyNode, value) in YamlMerge.Entries(mapping))
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var path = key.Length == 0 ? name : $"{key}.{name}";
            if (unsupported is not null && unsupported.TryGetValue(name, out var reason))
            {
                Error(keyNode, path, $"'{name}' is not supported: {reason}");
            }
            else if (!allowed.Contains(name) && ignoreUnknown)
            {
                Ignore(keyNode, path);
            }
            else if (!allowed.Contains(name))
            {
                Error(keyNode, path, $"unsupported key '{name}' (supported here: {string.Join(", ", allowed)})");
            }
            else
            {
                entries.Add((name, keyNode, value));
            }
        }

        return entries;
    }

    /// <summary>A scalar's text with environment templates resolved; other templates stay as written.</summary>
    public string? Text(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } value })
        {
            Error(node, key, "must be a single value (text or number), not a list or mapping");
            return null;
        }

        return ResolveEnvironment(value, node, key);
    }

    /// <summary>A number; environment templates resolved first; <c>null</c> (and a problem) when it is not one.</summary>
    public double? Number(YamlNode node, string key, double minimum)
    {
        var before = Problems.Count;
        var text = Text(node, key);
        if (text is null || Problems.Count > before)
        {
            return null;
        }

        if (AllowMissingEnvironment && text.Trim().Length == 0 && node is YamlScalarNode { Value: { } raw } && Template().IsMatch(raw))
        {
            // A dry run without the variable: the warning names it; the number is left unset.
            return null;
        }

        if (Template().IsMatch(text))
        {
            Error(node, key, $"must be a number; '{text}' uses a variable, which Artillery also only fills in at run time (use $processEnvironment.NAME)");
            return null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < minimum)
        {
            Error(node, key, $"must be a number >= {minimum.ToString(CultureInfo.InvariantCulture)} (was '{text}')");
            return null;
        }

        return number;
    }

    public int? Integer(YamlNode node, string key, int minimum)
    {
        var number = Number(node, key, minimum);
        if (number is { } value && value != Math.Floor(value))
        {
            Error(node, key, $"must be a whole number (was {value.ToString(CultureInfo.InvariantCulture)})");
            return null;
        }

        return number is { } whole ? (int)whole : null;
    }

    /// <summary>A duration: seconds as a number, or a number with ms, s, m or h (<c>30s</c>, <c>2m</c>).</summary>
    public TimeSpan? Duration(YamlNode node, string key)
    {
        var text = Text(node, key)?.Trim();
        if (text is null)
        {
            return null;
        }

        var match = DurationPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            Error(node, key, $"must be a duration: seconds, or a number with ms, s, m or h, e.g. 30 or 2m (was '{text}')");
            return null;
        }

        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "m" or "min" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
    }

    public bool? Boolean(YamlNode node, string key)
    {
        var text = Text(node, key)?.Trim();
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error(node, key, $"must be true or false (was '{text}')");
                return null;
        }
    }

    /// <summary>
    /// Text with Artillery's <c>{{ name }}</c> turned into PerfSuite's <c>{name}</c> (filled from captures and variables at
    /// run time), loop values substituted, and environment templates resolved.
    /// </summary>
    public string? Runtime(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } value })
        {
            Error(node, key, "must be a single value (text or number), not a list or mapping");
            return null;
        }

        return Runtime(value, node, key);
    }

    public string? Runtime(string value, YamlNode node, string key)
    {
        if (LiteralPlaceholder().Match(value) is { Success: true } literal)
        {
            Error(node, key, $"'{literal.Value}' would be read as a PerfSuite variable placeholder; PerfSuite has no escape for it");
            return null;
        }

        var ok = true;
        var result = Template().Replace(value, match =>
        {
            var expression = match.Groups[1].Value;
            if (EnvironmentName(expression) is { } name)
            {
                return Lookup(name, node, key) ?? match.Value;
            }

            if (LoopOrDataset(expression) is { } known)
            {
                return known;
            }

            if (expression == "$loopCount" && Loops.TryPeek(out var endless) && endless.Count < 0)
            {
                Error(node, key, "$loopCount in a loop without count is not supported: that loop is one run-time loop, not unrolled, so its count is not known when the flow is built");
                ok = false;
                return match.Value;
            }

            if (expression == "$loopCount" && Loops.TryPeek(out var count))
            {
                return count.Count.ToString(CultureInfo.InvariantCulture);
            }

            if (VariableName().IsMatch(expression))
            {
                return "{" + expression + "}";
            }

            if (Functions.Placeholder(expression) is { } placeholder)
            {
                return placeholder;
            }

            Error(node, key, $"template '{match.Value}' is not supported: only {{{{ variable }}}}, {{{{ $processEnvironment.NAME }}}}, {{{{ $env.NAME }}}}, {{{{ $randomNumber(min, max) }}}}, {{{{ $randomString() }}}}, {{{{ $uuid }}}} and, inside a loop, {{{{ $loopElement }}}} and {{{{ $loopCount }}}}");
            ok = false;
            return match.Value;
        });
        return ok ? result : null;
    }

    // $loopElement (.path) in a loop, and a loadAll variable (.path): known when the flow is built, rendered as Artillery's
    // template renders them (lodash get; a missing value is 'undefined', an object or list is its JSON). A loadAll variable
    // with an order is one row per user: its cells are feed variables.
    private string? LoopOrDataset(string expression)
    {
        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? expression : expression[..dot];
        var rest = dot < 0 ? null : expression[(dot + 1)..];
        if (head == "$loopElement" && Loops.TryPeek(out var loop))
        {
            return rest is null && loop.Element is null ? string.Empty : Render(rest is null ? loop.Element : Walk(loop.Element, rest));
        }

        if (Datasets.TryGetValue(head, out var data))
        {
            return Render(rest is null ? data : Walk(data, rest));
        }

        if (RowDatasets.TryGetValue(head, out var cells))
        {
            return rest is null ? "{" + head + "}"
                : int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var cell) && cell < cells ? "{" + head + "." + rest + "}"
                : "undefined";
        }

        return null;
    }

    private static JsonNode? Walk(JsonNode? node, string path)
    {
        foreach (var segment in path.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(segment, out var value) ? value : null,
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static string Render(JsonNode? node) => node switch
    {
        null => "undefined",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(RenderOptions),
    };

    private static readonly System.Text.Json.JsonSerializerOptions RenderOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private string ResolveEnvironment(string value, YamlNode node, string key) =>
        Template().Replace(value, match => EnvironmentName(match.Groups[1].Value) is { } name ? Lookup(name, node, key) ?? match.Value : match.Value);

    private string? Lookup(string name, YamlNode node, string key)
    {
        var value = environment(name);
        if (value is null && AllowMissingEnvironment)
        {
            Warnings.Add(new ArtilleryWarning(File, node.Start.Line, node.Start.Column, key, $"environment variable '{name}' is not set: empty in this dry run, a run needs --env {name}=VALUE"));
            return string.Empty;
        }

        if (value is null)
        {
            Error(node, key, $"environment variable '{name}' is not set (pass it with --env {name}=VALUE or export it)");
        }

        return value;
    }

    private static string? EnvironmentName(string expression)
    {
        var match = EnvironmentTemplate().Match(expression);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\{\{\s*(.*?)\s*\}\}")]
    private static partial Regex Template();

    [GeneratedRegex(@"^\$(?:processEnvironment|env)\.([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex EnvironmentTemplate();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"(?<!\{)\{[A-Za-z_][A-Za-z0-9_.\-]*\}(?!\})")]
    private static partial Regex LiteralPlaceholder();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|sec|m|min|h)?$")]
    private static partial Regex DurationPattern();
}
