using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerfSuite.Reporting.Thresholds;

/// <summary>Reads a budgets file, collecting every problem instead of stopping at the first.</summary>
internal sealed partial class BudgetFileParser(string filePath, IReadOnlyCollection<string> profiles)
{
    private const string EndpointsKey = "endpoints";
    private const string NoteKey = "note";
    private const string CompareToleranceKey = "compare_tolerance";

    private static readonly BudgetMetric[] Metrics = Enum.GetValues<BudgetMetric>();

    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public IReadOnlyList<ScenarioBudget> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            // The line as written (the bad value) and what the file must be; System.Text.Json's advice to programmers is dropped.
            var reason = Reason().Replace(e.Message, string.Empty).Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal).Trim();
            var text = json.Split('\n').ElementAtOrDefault((int)line - 1)?.Trim() ?? string.Empty;
            _problems.Add(
                $"{filePath}: malformed JSON at line {line}, position {position}: {reason} (was '{(text.Length > 120 ? text[..120] + "…" : text)}'); "
                + "the file must be strict JSON (no comments, no trailing commas): { \"version\": 1, \"scenarios\": { \"SCENARIO\": { \"PROFILE\": { \"p95_ms\": 500 } } } }");
            return [];
        }

        using (document)
        {
            return ParseRoot(document.RootElement);
        }
    }

    private List<ScenarioBudget> ParseRoot(JsonElement root)
    {
        var budgets = new List<ScenarioBudget>();
        if (!ExpectObject(root, "$"))
        {
            return budgets;
        }

        var properties = Properties(root, "$", ["version", "scenarios"]);
        if (!properties.TryGetValue("version", out var version))
        {
            Add("$.version", "required; this loader reads version " + BudgetFile.SupportedVersion);
        }
        else if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != BudgetFile.SupportedVersion)
        {
            Add("$.version", $"unsupported version; this loader reads {BudgetFile.SupportedVersion}", version);
        }

        if (!properties.TryGetValue("scenarios", out var scenarios))
        {
            Add("$.scenarios", "required: an object of scenario name → profile name → budget");
            return budgets;
        }

        if (!ExpectObject(scenarios, "$.scenarios"))
        {
            return budgets;
        }

        foreach (var (scenario, scenarioElement) in Properties(scenarios, "$.scenarios", null))
        {
            var scenarioPath = Path("$.scenarios", scenario);
            if (string.IsNullOrWhiteSpace(scenario))
            {
                Add(scenarioPath, "scenario name must not be empty");
            }

            if (!ExpectObject(scenarioElement, scenarioPath))
            {
                continue;
            }

            foreach (var (profile, profileElement) in Properties(scenarioElement, scenarioPath, profiles))
            {
                var profilePath = Path(scenarioPath, profile);
                var limits = ParseLimits(profileElement, profilePath, endpointScope: false, out var endpoints);
                if (limits is not null)
                {
                    budgets.Add(new ScenarioBudget(scenario, profile, limits, endpoints) { CompareTolerance = CompareTolerance(profileElement, profilePath) });
                }
            }
        }

        return budgets;
    }

    private BudgetLimits? ParseLimits(JsonElement element, string path, bool endpointScope, out List<EndpointBudget> endpoints)
    {
        endpoints = [];
        if (!ExpectObject(element, path))
        {
            return null;
        }

        var allowed = Metrics.Where(m => !endpointScope || m != BudgetMetric.MaxSkippedArrivals).Select(m => m.FileKey())
            .Append(NoteKey);
        if (!endpointScope)
        {
            allowed = allowed.Append(EndpointsKey).Append(CompareToleranceKey);
        }

        var properties = Properties(element, path, [.. allowed]);
        var values = new Dictionary<BudgetMetric, double>();
        foreach (var metric in Metrics)
        {
            if (properties.TryGetValue(metric.FileKey(), out var value) && Number(metric, value, Path(path, metric.FileKey())) is { } number)
            {
                values[metric] = number;
            }
        }

        if (properties.TryGetValue(NoteKey, out var note) && note.ValueKind != JsonValueKind.String)
        {
            Add(Path(path, NoteKey), "must be a string", note);
        }

        if (properties.TryGetValue(EndpointsKey, out var endpointsElement) && ExpectObject(endpointsElement, Path(path, EndpointsKey)))
        {
            foreach (var (endpoint, endpointElement) in Properties(endpointsElement, Path(path, EndpointsKey), null))
            {
                var endpointPath = Path(Path(path, EndpointsKey), endpoint);
                if (ParseLimits(endpointElement, endpointPath, endpointScope: true, out _) is { } endpointLimits)
                {
                    endpoints.Add(new EndpointBudget(endpoint, endpointLimits));
                }
            }
        }

        // Counts keys, not valid values: a limit already reported as invalid must not also read as "no limit".
        if (!properties.Keys.Any(k => k is not NoteKey and not CompareToleranceKey) && element.EnumerateObject().All(p => p.Name is NoteKey or CompareToleranceKey))
        {
            Add(path, "sets no limit; give at least one of " + string.Join(", ", allowed.Where(k => k is not NoteKey and not CompareToleranceKey)));
        }

        return new BudgetLimits(
            values.TryGetValue(BudgetMetric.P50, out var p50) ? p50 : null,
            values.TryGetValue(BudgetMetric.P95, out var p95) ? p95 : null,
            values.TryGetValue(BudgetMetric.P99, out var p99) ? p99 : null,
            values.TryGetValue(BudgetMetric.P999, out var p999) ? p999 : null,
            values.TryGetValue(BudgetMetric.Max, out var max) ? max : null,
            values.TryGetValue(BudgetMetric.Mean, out var mean) ? mean : null,
            values.TryGetValue(BudgetMetric.ErrorRate, out var errorRate) ? errorRate : null,
            values.TryGetValue(BudgetMetric.MinThroughput, out var rps) ? rps : null,
            values.TryGetValue(BudgetMetric.MaxSkippedArrivals, out var skipped) ? (long)skipped : null);
    }

    // The tolerance of `perfsuite compare` on latency percentiles (docs/compare.md): a fraction, 0.10 = ±10 %.
    private double? CompareTolerance(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(CompareToleranceKey, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var fraction) && fraction is > 0 and < 10)
        {
            return fraction;
        }

        Add(Path(path, CompareToleranceKey), "must be a fraction > 0 (0.1 is ±10 %)", value);
        return null;
    }

    private double? Number(BudgetMetric metric, JsonElement value, string path)
    {
        var (rule, valid) = metric switch
        {
            BudgetMetric.ErrorRate => ("must be a number from 0 to 1 (a fraction: 0.01 is 1 %)", (Func<double, bool>)(v => v is >= 0 and <= 1)),
            BudgetMetric.MaxSkippedArrivals => ("must be a whole number, 0 or more", v => v >= 0 && Math.Floor(v) == v),
            _ => ("must be a positive number", v => v > 0),
        };
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || !valid(number))
        {
            Add(path, rule, value);
            return null;
        }

        return number;
    }

    private Dictionary<string, JsonElement> Properties(JsonElement element, string path, IReadOnlyCollection<string>? allowed)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = Path(path, property.Name);
            if (allowed is not null && !allowed.Contains(property.Name))
            {
                Add(propertyPath, "unknown key; expected one of " + string.Join(", ", allowed));
            }
            else if (!properties.TryAdd(property.Name, property.Value))
            {
                Add(propertyPath, "duplicate key; the file must give each key once");
            }
        }

        return properties;
    }

    private bool ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Add(path, "must be an object", element);
        return false;
    }

    private void Add(string path, string problem, JsonElement? value = null)
    {
        var was = value is { } v ? $" (was {Shorten(v.GetRawText())})" : string.Empty;
        _problems.Add($"{filePath}: {path}: {problem}{was}");
    }

    private static string Shorten(string raw) => raw.Length <= 60 ? raw : raw[..57] + "...";

    private static string Path(string parent, string key) =>
        Identifier().IsMatch(key) ? $"{parent}.{key}" : $"{parent}['{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    // System.Text.Json appends the location it found; the message names it in the loader's own words.
    [GeneratedRegex(@"\s*(Path: .*|LineNumber: .*)$")]
    private static partial Regex Reason();
}
