using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Thresholds;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>The top of a script: <c>config</c> and <c>scenarios</c>.</summary>
internal sealed partial class ScriptReader(ScriptContext context, ArtilleryLoadOptions options)
{
    private static readonly string[] RootKeys = ["config", "scenarios", "before"];

    private static readonly string[] ConfigKeys = ["target", "phases", "http", "socketio", "tls", "variables", "processor", "ensure", "payload", "plugins", "defaults"];

    private static readonly string[] ScenarioKeys = ["name", "weight", "engine", "flow", "beforeRequest", "afterResponse", "beforeScenario", "afterScenario"];

    private readonly HookReferences hooks = new();
    private readonly Dictionary<string, string> variables = new(StringComparer.Ordinal);
    private readonly List<DataFeed> feeds = [];
    private readonly Dictionary<string, string> socketIoHeaders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> defaultHeaders = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> replacements = [];
    private EndpointNaming naming = new(false, false);
    private string socketIoPath = "/socket.io";
    private YamlNode? processorNode;
    private string scriptDirectory = ".";

    public ArtilleryScript? Read(YamlNode? root, string path)
    {
        scriptDirectory = Path.GetDirectoryName(path) ?? ".";
        if (root is null)
        {
            context.Error(new YamlDotNet.Core.Mark(0, 1, 1), "(script)", "the file is empty; a script needs config and scenarios");
            return null;
        }

        var entries = context.Mapping(root, string.Empty, RootKeys, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["after"] = "an after section runs once per run; put its requests in a scenario",
        });
        var sections = entries?.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) ?? [];
        if (!sections.TryGetValue("config", out var config))
        {
            context.Error(root, "config", "a script needs config (with phases)");
            return null;
        }

        var settings = Config(config);
        var before = sections.TryGetValue("before", out var beforeNode) ? BeforeReader.Read(context, beforeNode, variables) : [];
        if (!sections.TryGetValue("scenarios", out var scenariosNode) || scenariosNode is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            context.Error(sections.GetValueOrDefault("scenarios") ?? root, "scenarios", "a script needs a non-empty list of scenarios");
            return null;
        }

        var scenarios = new List<Scenario>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ReadScenario(list.Children[i], $"scenarios[{i}]", i) is { } scenario)
            {
                if (scenarios.Any(s => s.Name == scenario.Name))
                {
                    context.Error(list.Children[i], $"scenarios[{i}].name", $"scenario name '{scenario.Name}' is used twice; names key the reports and budgets");
                }

                scenarios.Add(scenario);
            }
        }

        var processor = processorNode is not null && context.Text(processorNode, "config.processor") is { } file
            ? ProcessorFile.TryRead(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path) ?? ".", file)))
            : null;

        var (token, ignored) = hooks.Resolve(context, processor, processorNode, options);
        var profile = new LoadProfile(ArtilleryScript.ProfileName, settings.Phases);
        foreach (var problem in settings.Phases.Count == 0 ? [] : profile.Validate())
        {
            context.Error(config, "config.phases", problem);
        }

        if (before.Count > 0 && context.Problems.Count == 0)
        {
            // Artillery runs the before flow once, before the first phase: its log lines are printed now, before any load.
            before.ForEach(options.Log);
            replacements.Add($"before: its flow of {before.Count} log step(s) is printed when the script is read, before the first phase, as Artillery runs it once per run");
        }

        return new ArtilleryScript
        {
            Name = Path.GetFileNameWithoutExtension(path),
            FilePath = path,
            Target = options.Target ?? settings.Target,
            Profile = profile,
            Scenarios = scenarios,
            Http = settings.Http,
            Ensure = settings.Ensure,
            TokenHooks = token,
            IgnoredHooks = ignored,
            Replacements = replacements,
        };
    }

    private (Uri? Target, IReadOnlyList<LoadPhase> Phases, ArtilleryHttpSettings Http, BudgetLimits Ensure) Config(YamlNode node)
    {
        Uri? target = null;
        IReadOnlyList<LoadPhase> phases = [];
        TimeSpan? timeout = null;
        int? maxSockets = null;
        var insecure = false;
        var ensure = BudgetLimits.None;
        var entries = context.Mapping(node, "config", ConfigKeys) ?? [];
        if (entries.All(e => e.Key != "phases"))
        {
            // Artillery 2.0.34 (prepare-test-execution-plan.ts) gives a script without phases one: duration 1, arrivalCount 1.
            phases = [new ArrivalPhase("phase 1", TimeSpan.FromSeconds(1), 1)];
            replacements.Add("config.phases is not set: one user in one second (duration: 1, arrivalCount: 1), as Artillery runs a script without phases");
        }

        foreach (var (key, keyNode, value) in entries)
        {
            var path = "config." + key;
            switch (key)
            {
                case "target" when options.Target is { } given:
                    // Artillery's --target wins over config.target, which is then not read at all.
                    replacements.Add($"config.target ({context.Where(value)}) replaced by --target {given}");
                    break;
                case "target":
                    var text = context.Text(value, path);
                    if (context.AllowMissingEnvironment && text?.Length == 0)
                    {
                        // A dry run without the variable the target comes from: the warning names it; a run needs --target or it.
                        break;
                    }

                    if (text is not null && (!Uri.TryCreate(text, UriKind.Absolute, out target) || target.Scheme is not ("http" or "https")))
                    {
                        context.Error(value, path, $"must be an absolute http or https URL (was '{text}')");
                        target = null;
                    }

                    break;
                case "phases":
                    phases = PhasesReader.Read(context, value);
                    break;
                case "http":
                    foreach (var (httpKey, _, httpValue) in context.Mapping(value, path, ["timeout", "maxSockets"]) ?? [])
                    {
                        if (httpKey == "timeout")
                        {
                            timeout = context.Number(httpValue, path + ".timeout", 0.001) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
                        }
                        else
                        {
                            maxSockets = context.Integer(httpValue, path + ".maxSockets", 1);
                        }
                    }

                    break;
                case "tls":
                    foreach (var (_, _, tlsValue) in context.Mapping(value, path, ["rejectUnauthorized"]) ?? [])
                    {
                        insecure = context.Boolean(tlsValue, path + ".rejectUnauthorized") == false;
                    }

                    break;
                case "socketio":
                    SocketIo(value, path);
                    break;
                case "variables":
                    Variables(value, path);
                    break;
                case "processor":
                    processorNode = value;
                    context.Processor = context.Text(value, "config.processor") is { } processorFile
                        ? ProcessorFile.TryRead(Path.GetFullPath(Path.Combine(scriptDirectory, processorFile)))
                        : null;
                    break;
                case "ensure":
                    ensure = EnsureReader.Read(context, value);
                    break;
                case "plugins":
                    Plugins(value, path);
                    break;
                case "defaults":
                    Defaults(value, path);
                    break;
                default:
                    feeds.AddRange(PayloadReader.Read(context, value, scriptDirectory));
                    break;
            }
        }

        return (target, phases, new ArtilleryHttpSettings(timeout, maxSockets, insecure), ensure);
    }

    private void SocketIo(YamlNode node, string key)
    {
        foreach (var (name, _, value) in context.Mapping(node, key, ["path", "transports", "extraHeaders"],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["query"] = "put query parameters in path" }) ?? [])
        {
            var path = $"{key}.{name}";
            switch (name)
            {
                case "path":
                    socketIoPath = context.Text(value, path) ?? socketIoPath;
                    break;
                case "transports":
                    var transports = value is YamlSequenceNode list ? list.Children : [value];
                    foreach (var transport in transports)
                    {
                        if (context.Text(transport, path) is { } t && t != "websocket")
                        {
                            context.Error(transport, path, $"transport '{t}' is not supported: PerfSuite's Socket.IO client speaks websocket only (write transports: [websocket])");
                        }
                    }

                    break;
                default:
                    foreach (var (header, headerValue) in value is YamlMappingNode headerMap ? YamlMerge.Entries(headerMap) : [])
                    {
                        var headerName = (header as YamlScalarNode)?.Value ?? string.Empty;
                        if (context.Text(headerValue, $"{path}.{headerName}") is { } text)
                        {
                            socketIoHeaders[headerName] = text;
                        }
                    }

                    if (value is not YamlMappingNode)
                    {
                        context.Error(value, path, "must be a mapping of header names to values");
                    }

                    break;
            }
        }
    }

    private void Variables(YamlNode node, string key)
    {
        if (ScriptContext.IsEmpty(node))
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            context.Error(node, key, "must be a mapping of variable names to values");
            return;
        }

        foreach (var (name, value) in YamlMerge.Entries(map))
        {
            var variable = (name as YamlScalarNode)?.Value ?? string.Empty;
            if (value is YamlSequenceNode list)
            {
                // Artillery picks one of the values for each virtual user: a one-field feed in random order.
                var values = list.Children.Select((v, i) => context.Text(v, $"{key}.{variable}[{i}]")).OfType<string>()
                    .Select(v => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(StringComparer.Ordinal) { [variable] = v }).ToList();
                if (values.Count == 0)
                {
                    context.Error(value, $"{key}.{variable}", "a list of values must not be empty");
                }
                else
                {
                    feeds.Add(DataFeed.FromRecords($"config.variables.{variable}", values, FeedOrder.Random));
                }
            }
            else if (context.Text(value, $"{key}.{variable}") is { } text)
            {
                variables[variable] = text;
            }
        }
    }

    // Artillery loads each plugin by name and warns when it is not installed: a plugin PerfSuite has no counterpart
    // for is ignored the same way. expect and ensure are built in; their settings change only Artillery's output.
    private void Plugins(YamlNode node, string key)
    {
        if (node is YamlSequenceNode)
        {
            context.Ignore(node, key);
            return;
        }

        foreach (var (name, _, value) in context.Mapping(node, key, ["expect", "ensure", "metrics-by-endpoint"]) ?? [])
        {
            var settings = name == "metrics-by-endpoint" ? ["useOnlyRequestNames", "stripQueryString"] : Array.Empty<string>();
            foreach (var (setting, _, settingValue) in context.Mapping(value, $"{key}.{name}", settings) ?? [])
            {
                var on = context.Boolean(settingValue, $"{key}.{name}.{setting}") == true;
                naming = setting == "useOnlyRequestNames" ? naming with { UseOnlyRequestNames = on } : naming with { StripQueryString = on };
            }
        }
    }

    // config.defaults.headers: headers of every request (Artillery 1.x; 2.x still reads them).
    private void Defaults(YamlNode node, string key)
    {
        foreach (var (name, _, value) in context.Mapping(node, key, ["headers"]) ?? [])
        {
            foreach (var (header, headerValue) in value is YamlMappingNode map ? YamlMerge.Entries(map) : [])
            {
                var headerName = (header as YamlScalarNode)?.Value ?? string.Empty;
                if (context.Text(headerValue, $"{key}.{name}.{headerName}") is { } text)
                {
                    defaultHeaders[headerName] = text;
                }
            }
        }
    }

    private Scenario? ReadScenario(YamlNode node, string key, int index)
    {
        var entries = context.Mapping(node, key, ScenarioKeys);
        if (entries is null)
        {
            return null;
        }

        var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var name = values.TryGetValue("name", out var nameNode) ? context.Text(nameNode, key + ".name") : null;
        name = string.IsNullOrWhiteSpace(name) ? $"scenario {index + 1}" : name;
        var weight = values.TryGetValue("weight", out var weightNode) ? context.Integer(weightNode, key + ".weight", 1) ?? 1 : 1;
        var engine = values.TryGetValue("engine", out var engineNode) ? context.Text(engineNode, key + ".engine") : "http";
        if (engine is not ("http" or "socketio"))
        {
            context.Error(engineNode!, key + ".engine", $"engine '{engine}' is not supported (supported: http, socketio)");
            return null;
        }

        context.ScenarioHeaders.Clear();
        foreach (var hook in new[] { "beforeRequest", "afterResponse", "beforeScenario", "afterScenario" })
        {
            if (!values.TryGetValue(hook, out var hookNode))
            {
                continue;
            }

            if (context.TranslatedHook(hookNode, hook, $"{key}.{hook}") is { } translated)
            {
                context.ScenarioHeaders.AddRange(translated);
            }
            else
            {
                hooks.Add(context, hookNode, hook, $"{key}.{hook}");
            }
        }

        if (!values.TryGetValue("flow", out var flow))
        {
            context.Error(node, key + ".flow", "a scenario needs flow");
            return null;
        }

        var problems = context.Problems.Count;
        var warnings = context.Warnings.Count;
        var hooksBefore = hooks.Count;
        var (scenario, error) = BuildScenario(name, weight, engine!, flow, key, []);
        if (error is not null && context.Problems.Count == problems && Unset(error) is { Count: > 0 } unset)
        {
            // Artillery renders a variable nothing has set as 'undefined' (a whole URL of it: 'Invalid URL - undefined'),
            // so the flow is read again with those variables defined that way, and a warning says so.
            context.Warnings.RemoveRange(warnings, context.Warnings.Count - warnings);
            hooks.Truncate(hooksBefore);
            context.Undefined.UnionWith(unset);
            (scenario, error) = BuildScenario(name, weight, engine!, flow, key, unset);
            context.Undefined.Clear();
            foreach (var variable in unset.Order(StringComparer.Ordinal))
            {
                context.Warnings.Add(new ArtilleryWarning(context.File, flow.Start.Line, flow.Start.Column, key + ".flow",
                    $"{{{{ {variable} }}}} is used in scenario '{name}' before anything sets it: Artillery fills in 'undefined' (a URL of only that variable fails with 'Invalid URL - undefined', nothing sent), and so does PerfSuite"));
            }
        }

        if (context.Problems.Count > problems)
        {
            return null;
        }

        if (error is null)
        {
            return scenario;
        }

        // A flow of function steps only is empty here; unless hooks are ignored, each function step is reported on its own.
        if (!options.IgnoreHooks && (processorNode is not null || context.Strict) && hooks.Count > hooksBefore && !error.Contains(Environment.NewLine, StringComparison.Ordinal)
            && error.Contains("the flow has no step", StringComparison.Ordinal))
        {
            return null;
        }

        context.Error(flow, key + ".flow", error.Replace(Environment.NewLine, "; ", StringComparison.Ordinal) + " (a {{ variable }} must be captured or set in config.variables before it is used)");
        return null;
    }

    // The variables of "uses {x} but no earlier step captures it", when that is all the engine found wrong.
    private static HashSet<string>? Unset(string error)
    {
        var lines = error.Split(Environment.NewLine);
        var names = lines.Select(l => UnsetVariable().Match(l)).ToList();
        return names.All(m => m.Success) ? names.Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal) : null;
    }

    private (Scenario? Scenario, string? Error) BuildScenario(string name, int weight, string engine, YamlNode flow, string key, IReadOnlyCollection<string> undefinedVariables)
    {
        var builder = Scenario.Create(name, weight);
        foreach (var (variable, value) in variables)
        {
            builder.WithVariable(variable, value);
        }

        foreach (var variable in undefinedVariables)
        {
            builder.WithVariable(variable, "undefined");
        }

        foreach (var feed in feeds)
        {
            builder.WithFeed(feed);
        }

        foreach (var (header, value) in defaultHeaders)
        {
            builder.WithHeader(header, value);
        }

        if (engine == "socketio")
        {
            builder.SocketIoConnect(socketIoPath, c =>
            {
                foreach (var (header, value) in socketIoHeaders)
                {
                    c.Header(header, value);
                }
            });
        }

        new FlowReader(context, hooks, builder, engine, options.Log, naming).Read(flow, key + ".flow");
        if (engine == "socketio")
        {
            builder.SocketIoDisconnect();
        }

        try
        {
            return (builder.Build(), null);
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"uses \{([A-Za-z_][A-Za-z0-9_.\-]*)\} but no earlier step captures it$")]
    private static partial System.Text.RegularExpressions.Regex UnsetVariable();
}
