using PerfSuite.Cli;
using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Faults;

/// <summary>
/// The bad-input catalogue (docs/reliability.md): every bad input is refused before any load with one message that names
/// its source (file and JSON path or key, environment variable, argument), the bad value and what is valid.
/// </summary>
[Trait("Category", "Faults")]
public sealed class BadInputCatalogueTests : IDisposable
{
    private const string ValidScript =
        """
        config:
          target: http://127.0.0.1:9
          phases:
            - duration: 1
              arrivalRate: 1
        scenarios:
          - name: reads
            flow:
              - get:
                  url: /
        """;

    private static readonly string[] Profiles = ["smoke", "load", "stress"];

    private readonly string _folder = Directory.CreateTempSubdirectory("perfsuite-bad-input-").FullName;

    /// <summary>One bad input: how to produce its message, and the three things the message must name.</summary>
    /// <param name="Input">What is given, for the failure message and the docs table.</param>
    /// <param name="Source">Where it comes from: file name and JSON path / key, variable or argument (every token must appear).</param>
    /// <param name="Value">The bad value as the message quotes it.</param>
    /// <param name="Valid">A fragment of what is valid.</param>
    /// <param name="Produce">Feeds the input to the real entry point in a folder of its own; returns the message.</param>
    private sealed record BadInput(string Input, string[] Source, string Value, string Valid, Func<string, Task<string>> Produce);

    private static readonly Dictionary<string, BadInput> Catalogue = new()
    {
        // Budgets JSON files (BudgetFile.Load, and LoadTestSession.StartAsync for the suite's scenario names).
        ["budgets: unknown scenario key"] = new(
            "'raeds': { 'smoke': … }' in budgets for scenario reads", ["unknown-scenario.json", "$.scenarios.raeds"], "raeds", "known scenarios: reads",
            dir => SessionBudgetsAsync(dir, "unknown-scenario.json", """{ "version": 1, "scenarios": { "reads": { "smoke": { "p95_ms": 100 } }, "raeds": { "smoke": { "p95_ms": 100 } } } }""")),
        ["budgets: unknown profile"] = new(
            "'soak2': { … }", ["unknown-profile.json", "$.scenarios.reads.soak2"], "soak2", "expected one of smoke, load, stress",
            dir => BudgetsAsync(dir, "unknown-profile.json", """{ "version": 1, "scenarios": { "reads": { "soak2": { "p95_ms": 100 } } } }""")),
        ["budgets: negative p95"] = new(
            "'p95_ms': -5", ["negative-p95.json", "$.scenarios.reads.smoke.p95_ms"], "(was -5)", "must be a positive number",
            dir => BudgetsAsync(dir, "negative-p95.json", """{ "version": 1, "scenarios": { "reads": { "smoke": { "p95_ms": -5 } } } }""")),
        ["budgets: NaN p95"] = new(
            "'p95_ms': 'NaN'", ["nan-p95.json", "$.scenarios.reads.smoke.p95_ms"], "(was \"NaN\")", "must be a positive number",
            dir => BudgetsAsync(dir, "nan-p95.json", """{ "version": 1, "scenarios": { "reads": { "smoke": { "p95_ms": "NaN" } } } }""")),
        ["budgets: string p95"] = new(
            "'p95_ms': 'fast'", ["string-p95.json", "$.scenarios.reads.smoke.p95_ms"], "(was \"fast\")", "must be a positive number",
            dir => BudgetsAsync(dir, "string-p95.json", """{ "version": 1, "scenarios": { "reads": { "smoke": { "p95_ms": "fast" } } } }""")),
        ["budgets: unknown field"] = new(
            "'p95': 100", ["unknown-field.json", "$.scenarios.reads.smoke.p95"], "p95", "expected one of p50_ms, p95_ms",
            dir => BudgetsAsync(dir, "unknown-field.json", """{ "version": 1, "scenarios": { "reads": { "smoke": { "p95": 100 } } } }""")),
        ["budgets: error rate above 1"] = new(
            "'error_rate': 5", ["error-rate.json", "$.scenarios.reads.smoke.error_rate"], "(was 5)", "from 0 to 1",
            dir => BudgetsAsync(dir, "error-rate.json", """{ "version": 1, "scenarios": { "reads": { "smoke": { "error_rate": 5 } } } }""")),
        ["budgets: unsupported version"] = new(
            "'version': 2", ["version.json", "$.version"], "(was 2)", "this loader reads 1",
            dir => BudgetsAsync(dir, "version.json", """{ "version": 2, "scenarios": { "reads": { "smoke": { "p95_ms": 100 } } } }""")),
        ["budgets: malformed JSON"] = new(
            "a trailing comma on line 4", ["malformed.json", "line 4"], "(was '\"reads\": { \"smoke\": { \"p95_ms\": 100, } }')", "must be strict JSON (no comments, no trailing commas)",
            dir => BudgetsAsync(dir, "malformed.json", "{\n  \"version\": 1,\n  \"scenarios\": {\n    \"reads\": { \"smoke\": { \"p95_ms\": 100, } }\n  }\n}\n")),

        // PERF_* environment settings (PerfSettings.Parse, as the load suite reads them).
        ["env: PERF_MAX_VUSERS=abc"] = Env("PERF_MAX_VUSERS", "abc", "'abc'", "a whole number >= 1"),
        ["env: PERF_MAX_VUSERS=0"] = Env("PERF_MAX_VUSERS", "0", "'0'", "a whole number >= 1"),
        ["env: PERF_MAX_VUSERS=-1"] = Env("PERF_MAX_VUSERS", "-1", "'-1'", "a whole number >= 1"),
        ["env: PERF_TARGET malformed"] = Env("PERF_TARGET", "queue-api:8080/x", "'queue-api:8080/x'", "absolute http or https URL"),
        ["env: PERF_TARGET remote"] = Env("PERF_TARGET", "http://10.20.30.40:8080", "http://10.20.30.40:8080", "a loopback host (127.0.0.1, localhost or [::1])"),
        ["env: PERF_TARGET ftp"] = Env("PERF_TARGET", "ftp://127.0.0.1/", "'ftp://127.0.0.1/'", "absolute http or https URL"),
        ["env: PERF_PROFILES=bogus"] = Env("PERF_PROFILES", "bogus", "'bogus'", "valid profiles: smoke, load, stress"),
        ["env: PERF_RUN_ID with a slash"] = Env("PERF_RUN_ID", "a/b", "'a/b'", "letters, digits"),
        ["env: PERF_TOKEN_URL bad"] = new(
            "PERF_TOKEN_URL=not-a-url (with PERF_CLIENT_ID, PERF_USERNAME, PERF_PASSWORD)", ["PERF_TOKEN_URL"], "'not-a-url'", "absolute http or https URL",
            _ => SettingsAsync(new() { ["PERF_TOKEN_URL"] = "not-a-url", ["PERF_CLIENT_ID"] = "c", ["PERF_USERNAME"] = "u", ["PERF_PASSWORD"] = "p" })),
        ["env: PERF_DOCKER_NETWORK=overlay"] = new(
            "PERF_DOCKER_NETWORK=overlay (with PERF_TARGET_IMAGE)", ["PERF_DOCKER_NETWORK"], "'overlay'", "'bridge'",
            _ => SettingsAsync(new() { ["PERF_TARGET_IMAGE"] = "queue-api:local", ["PERF_DOCKER_NETWORK"] = "overlay" })),

        // perfsuite load arguments (the real command line, in process).
        ["load: --rate -1"] = Load(["--url", "http://127.0.0.1:9/", "--rate", "-1", "--duration", "1"], "--rate", "'-1'", "a number > 0"),
        ["load: --duration x"] = Load(["--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "x"], "--duration", "'x'", "a number > 0"),
        ["load: --url remote"] = Load(["--url", "http://example.org/", "--rate", "1", "--duration", "1"], "--url", "'http://example.org/'", "loopback host (127.0.0.1, localhost or [::1])"),
        ["load: missing --url"] = Load(["--rate", "1", "--duration", "1"], "--url", "was missing", "loopback host (127.0.0.1, localhost or [::1])"),
        ["load: unknown flag"] = Load(["--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1", "--verbose"], "unknown argument", "'--verbose'", "valid: --url, --vus, --rate"),
        ["load: --shard 4/3"] = Load(["--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1", "--shard", "4/3"], "--shard", "'4/3'", "i/N with 1 <= i <= N"),
        ["load: --vus 0"] = Load(["--url", "http://127.0.0.1:9/", "--vus", "0", "--duration", "1"], "--vus", "'0'", "a whole number >= 1"),
        ["load: --header without a colon"] = Load(["--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1", "--header", "nocolon"], "--header", "'nocolon'", "\"Name: value\""),

        // perfsuite run with an Artillery script (the real command line, in process).
        ["run: phase without duration"] = Script("no-duration.yml", "    - duration: 1\n      arrivalRate: 1", "    - arrivalRate: 1", "config.phases[0].duration", "was a phase with arrivalRate", "a phase needs duration"),
        ["run: negative arrivalRate"] = Script("negative-rate.yml", "arrivalRate: 1", "arrivalRate: -5", "config.phases[0].arrivalRate", "'-5'", "a number >= 0"),
        ["run: duration not a duration"] = Script("bad-duration.yml", "duration: 1", "duration: soon", "config.phases[0].duration", "'soon'", "seconds, or a number with ms, s, m or h"),
        ["run: unknown engine"] = Script("engine.yml", "  - name: reads\n", "  - name: reads\n    engine: kafka\n", "scenarios[0].engine", "'kafka'", "supported: http, socketio"),
        ["run: unknown ensure threshold"] = Script("ensure-metric.yml", "scenarios:", "  ensure:\n    thresholds:\n      - http.response_time.p42: 200\nscenarios:", "config.ensure.thresholds[0]", "'http.response_time.p42'", "supported: http.response_time.p50"),
        ["run: ensure threshold not a number"] = Script("ensure-value.yml", "scenarios:", "  ensure:\n    thresholds:\n      - http.response_time.p95: fast\nscenarios:", "config.ensure.thresholds[0].http.response_time.p95", "'fast'", "a number >= 0"),
        ["run: remote config.target"] = Script("remote.yml", "http://127.0.0.1:9", "https://queue.example.org", "config.target", "https://queue.example.org", "a loopback host (127.0.0.1, localhost or [::1])"),

        // Scenario builder and catalogue misuse (ScenarioBuilder.Build, ScenarioCatalog).
        ["scenario: duplicate ids"] = new(
            "two ILoadScenario classes with id 'reads'", ["scenario id", nameof(ReadsA), nameof(ReadsB)], "'reads'", "an id of its own",
            _ => ThrowsAsync(() => new ScenarioCatalog([new ReadsA(), new ReadsB()]))),
        ["scenario: id not lower-case"] = new(
            "an ILoadScenario with id 'Reads'", ["scenario 'Reads'", nameof(UpperCaseId)], "(was 'Reads')", "lower-case ASCII letters, digits and dashes",
            _ => ThrowsAsync(() => new ScenarioCatalog([new UpperCaseId()]))),
        ["scenario: empty flow"] = new(
            "Scenario.Create(\"empty\").Build()", ["scenario 'empty'"], "was 0 steps", "at least one step",
            _ => ThrowsAsync(() => Scenario.Create("empty").Build())),
        ["scenario: negative repeat"] = new(
            "Repeat(-1, …)", ["scenario 'loops'", "Repeat"], "(was -1)", "count must be 0..",
            _ => ThrowsAsync(() => Scenario.Create("loops").Repeat(-1, b => b.Get("/x")).Build())),

        // Data feeds (ScenarioBuilder.Build reads and checks them).
        ["feed: CSV row missing a column"] = new(
            "users.csv: header name,email; line 3 'u2'", ["missing-column.csv", "line 3"], "'u2'", "the header has 2",
            dir => FeedAsync(dir, "missing-column.csv", "name,email\nu1,u1@example.org\nu2\n", FeedOrder.Sequential)),
        ["feed: unique feed empty"] = new(
            "users.csv with a header and no record, FeedOrder.Unique", ["unique-empty.csv"], "was 0 records", "at least one record",
            dir => FeedAsync(dir, "unique-empty.csv", "name,email\n", FeedOrder.Unique)),
        ["feed: CSV header not a variable name"] = new(
            "header '1st,email'", ["bad-header.csv", "line 1"], "'1st'", "letters, digits, '_', '.', '-'; not starting with a digit",
            dir => FeedAsync(dir, "bad-header.csv", "1st,email\nu1,u1@example.org\n", FeedOrder.Sequential)),
        ["feed: JSON item not an object"] = new(
            "users.json: [1]", ["not-object.json", "item 1"], "(was 1)", "must be an object",
            async dir =>
            {
                var path = Path.Combine(dir, "not-object.json");
                await File.WriteAllTextAsync(path, "[1]");
                return await ThrowsAsync(() => Scenario.Create("feed").WithFeed(DataFeed.FromJson(path)).Get("/x").Build());
            }),
    };

    public static TheoryData<string> Inputs => [.. Catalogue.Keys];

    [Fact]
    public void Every_row_of_the_catalogue_is_in_the_documented_table()
    {
        var docs = File.ReadAllText(Path.Combine(ArtifactPaths.FindRepositoryRoot(AppContext.BaseDirectory)!, "docs", "reliability.md"));
        var table = docs[docs.IndexOf("## Bad-input catalogue", StringComparison.Ordinal)..].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();

        Catalogue.Values.Should().AllSatisfy(row => table.Should().Contain(
            line => line.Contains($"`{row.Valid}", StringComparison.Ordinal),
            $"docs/reliability.md's bad-input table lists '{row.Input}' with what is valid ('{row.Valid}')"));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_bad_input_is_refused_with_its_source_its_value_and_what_is_valid(string name)
    {
        var input = Catalogue[name];
        var dir = Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("n"))).FullName;

        var message = await input.Produce(dir);

        message.Should().NotBeNullOrEmpty($"{input.Input} must be refused");
        foreach (var source in input.Source)
        {
            message.Should().Contain(source, $"the message names where {input.Input} comes from");
        }

        message.Should().Contain(input.Value, "the message quotes the bad value").And.Contain(input.Valid, "the message says what is valid");
    }

    [Fact]
    public async Task Every_problem_of_a_budgets_file_is_reported_together()
    {
        var path = Path.Combine(_folder, "three-problems.json");
        await File.WriteAllTextAsync(
            path,
            """{ "version": 1, "scenarios": { "reads": { "smoke": { "p95_ms": -5, "p95": 100, "error_rate": 5 } } } }""",
            TestContext.Current.CancellationToken);

        var act = () => BudgetFile.Load(path, Profiles);

        var error = act.Should().Throw<BudgetFileException>().Which;
        error.Problems.Should().HaveCount(3);
        error.Message.Should().Contain("$.scenarios.reads.smoke.p95_ms: must be a positive number (was -5)")
            .And.Contain("$.scenarios.reads.smoke.p95: unknown key")
            .And.Contain("$.scenarios.reads.smoke.error_rate: must be a number from 0 to 1");
    }

    [Fact]
    public async Task Every_problem_of_an_artillery_script_is_reported_together()
    {
        var script = await WriteScriptAsync(_folder, "three-problems.yml", ValidScript
            .Replace("arrivalRate: 1", "arrivalRate: -5", StringComparison.Ordinal)
            .Replace("  - name: reads\n", "  - name: reads\n    engine: kafka\n", StringComparison.Ordinal)
            .Replace("scenarios:", "  ensure:\n    thresholds:\n      - http.response_time.p42: 200\nscenarios:", StringComparison.Ordinal));

        var (exit, message) = await CliAsync(["run", script]);

        exit.Should().Be(ExitCodes.BadInput);
        message.Should().Contain("(3 problems)")
            .And.Contain("config.phases[0].arrivalRate: must be a number >= 0 (was '-5')")
            .And.Contain("scenarios[0].engine: engine 'kafka' is not supported")
            .And.Contain("unsupported threshold metric 'http.response_time.p42'");
    }

    [Fact]
    public async Task No_load_is_sent_before_the_inputs_are_valid()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        var target = server.BaseUri.ToString().TrimEnd('/');
        var badScript = await WriteScriptAsync(_folder, "bad-against-server.yml", ValidScript
            .Replace("http://127.0.0.1:9", target, StringComparison.Ordinal)
            .Replace("arrivalRate: 1", "arrivalRate: -5", StringComparison.Ordinal));
        var goodScript = await WriteScriptAsync(_folder, "good-against-server.yml", ValidScript.Replace("http://127.0.0.1:9", target, StringComparison.Ordinal));
        var badBudgets = Path.Combine(_folder, "bad-budgets.json");
        await File.WriteAllTextAsync(badBudgets, """{ "version": 1, "scenarios": { "good-against-server": { "artillery": { "p95_ms": -1 } } } }""", ct);

        (await CliAsync(["run", badScript])).Exit.Should().Be(ExitCodes.BadInput);
        (await CliAsync(["run", goodScript, "--budgets", badBudgets, "--report-dir", Path.Combine(_folder, "r")])).Exit.Should().Be(ExitCodes.BadInput);
        (await CliAsync(["load", "--url", $"{target}/x", "--rate", "5", "--duration", "x"])).Exit.Should().Be(ExitCodes.BadInput);
        (await CliAsync(["load", "--url", $"{target}/x", "--rate", "5", "--duration", "2", "--token-env", "PERF_NO_SUCH_VARIABLE_SET"])).Exit.Should().Be(ExitCodes.BadInput);
        var session = () => LoadTestSession.StartAsync(
            new LoadTestSessionOptions(PerfSettings.Parse(_ => null, Profiles), ["reads"]) { BudgetsFile = badBudgets, TargetFactory = _ => new ExternalTarget(server.BaseUri) },
            _ => { },
            ct);
        await session.Should().ThrowAsync<BudgetFileException>();

        server.Connections.Should().Be(0, "nothing may reach the server before every input is valid");
        server.Requests.Should().Be(0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static BadInput Env(string variable, string value, string quoted, string valid) =>
        new($"{variable}={value}", [variable], quoted, valid, _ => SettingsAsync(new() { [variable] = value }));

    private static BadInput Load(string[] args, string source, string value, string valid) =>
        new("perfsuite load " + string.Join(' ', args), [source], value, valid, async _ => (await CliAsync(["load", .. args])).Message);

    private static BadInput Script(string file, string replace, string with, string key, string value, string valid) =>
        new($"{file}: '{with.Trim()}'", [file, key], value, valid, async dir =>
        {
            ValidScript.Should().Contain(replace);
            var path = await WriteScriptAsync(dir, file, ValidScript.Replace(replace, with, StringComparison.Ordinal));
            return (await CliAsync(["run", path])).Message;
        });

    private static async Task<string> WriteScriptAsync(string dir, string file, string text)
    {
        var path = Path.Combine(dir, file);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static async Task<(int Exit, string Message)> CliAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error);
        output.ToString().Should().NotContain("Summary report", "nothing runs");
        return (exit, exit == ExitCodes.BadInput ? error.ToString() : $"(exit {exit}, accepted) {output}{error}");
    }

    private static Task<string> SettingsAsync(Dictionary<string, string> environment) =>
        ThrowsAsync(() => PerfSettings.Parse(environment.GetValueOrDefault, Profiles, environment.Keys));

    private static async Task<string> BudgetsAsync(string dir, string file, string json)
    {
        var path = Path.Combine(dir, file);
        await File.WriteAllTextAsync(path, json);
        return await ThrowsAsync(() => BudgetFile.Load(path, Profiles));
    }

    private static async Task<string> SessionBudgetsAsync(string dir, string file, string json)
    {
        var path = Path.Combine(dir, file);
        await File.WriteAllTextAsync(path, json);
        try
        {
            await using var session = await LoadTestSession.StartAsync(
                new LoadTestSessionOptions(PerfSettings.Parse(_ => null, Profiles), ["reads"]) { BudgetsFile = path, TargetFactory = _ => throw new InvalidOperationException("no target may start") },
                _ => { },
                TestContext.Current.CancellationToken);
            return string.Empty;
        }
        catch (BudgetFileException e)
        {
            return e.Message;
        }
    }

    private static async Task<string> FeedAsync(string dir, string file, string csv, FeedOrder order)
    {
        var path = Path.Combine(dir, file);
        await File.WriteAllTextAsync(path, csv);
        return await ThrowsAsync(() => Scenario.Create("feed").WithFeed(DataFeed.FromCsv(path, order)).Get("/x").Build());
    }

    private static Task<string> ThrowsAsync(Func<object> act)
    {
        try
        {
            act();
            return Task.FromResult(string.Empty);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or PerfSettingsException or BudgetFileException)
        {
            return Task.FromResult(e.Message);
        }
    }

    private sealed class ReadsA : ILoadScenario
    {
        public string Id => "reads";

        public string Name => "Reads A";

        public IReadOnlyList<Scenario> Create() => [Scenario.Create(Name).Get("/a").Build()];
    }

    private sealed class ReadsB : ILoadScenario
    {
        public string Id => "reads";

        public string Name => "Reads B";

        public IReadOnlyList<Scenario> Create() => [Scenario.Create(Name).Get("/b").Build()];
    }

    private sealed class UpperCaseId : ILoadScenario
    {
        public string Id => "Reads";

        public string Name => "Reads";

        public IReadOnlyList<Scenario> Create() => [Scenario.Create(Name).Get("/a").Build()];
    }
}
