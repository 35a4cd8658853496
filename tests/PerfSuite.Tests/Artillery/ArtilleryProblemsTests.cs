using PerfSuite.Artillery;

namespace PerfSuite.Tests.Artillery;

/// <summary>Every unsupported key and bad input is refused before any load, naming file, line, column and key.</summary>
public sealed class ArtilleryProblemsTests
{
    private const string Phases = "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n";

    public static TheoryData<string, string> Cases => new()
    {
        { "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n  target: \"http://x\n", "bad.yml:4:11: (yaml): not valid YAML: While scanning a quoted scalar, found unexpected end of stream." },
        { "config:\n  phases: [ { duration: 1, arrivalRate: 1 }\nscenarios: []\n", "bad.yml:1:1: (yaml): not valid YAML (" },
        { "", "bad.yml:1:1: (script): the file is empty; a script needs config and scenarios" },
        { Phases + "before:\n  flow: [ { get: { url: / } } ]\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:5:11: before.flow[0]: 'before' is not supported with steps other than log" },
        { "config:\n  phases:\n    - { duration: 1, arrivalRate: \"{{ $processEnvironment.RATE }}\" }\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:3:35: config.phases[0].arrivalRate: environment variable 'RATE' is not set (pass it with --env RATE=VALUE or export it)" },
        { "config:\n  phases:\n    - duration: 1\n      arrivalRate: {{ rate }}\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:4:20: config.phases[0].arrivalRate: must be a number; '{{ rate }}' uses a variable" },
        { "config:\n  phases:\n    - { duration: 1, arrivalRate: fast }\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:3:35: config.phases[0].arrivalRate: must be a number >= 0 (was 'fast')" },
        { "config:\n  phases:\n    - { duration: soon, arrivalRate: 1 }\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:3:19: config.phases[0].duration: must be a duration: seconds, or a number with ms, s, m or h, e.g. 30 or 2m (was 'soon')" },
        { "config:\n  phases:\n    - { duration: 1, arrivalRate: 1, arrivalCount: 2 }\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:3:52: config.phases[0].arrivalCount: arrivalCount excludes arrivalRate and rampTo: give one of them" },
        { "config:\n  phases:\n    - { duration: 1, arrivalRate: 1, maxVusers: 0 }\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:3:49: config.phases[0].maxVusers: must be a number >= 1 (was '0')" },
        { "config:\n  phases: []\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:2:11: config.phases: must be a non-empty list of phases" },
        { Phases + "  ensure:\n    min: 1\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:5:5: config.ensure.min: 'min' is not supported: PerfSuite budgets are upper limits; a minimum latency is not a budget" },
        { Phases + "  ensure:\n    conditions:\n      - expression: \"http.codes.200 > 1\"\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:5:5: config.ensure.conditions: 'conditions' is not supported: expressions are not evaluated" },
        { Phases + "  ensure:\n    thresholds:\n      - vusers.failed: 0\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:6:9: config.ensure.thresholds[0].vusers.failed: unsupported threshold metric 'vusers.failed'" },
        { Phases + "  socketio:\n    transports: [polling]\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:5:18: config.socketio.transports: transport 'polling' is not supported: PerfSuite's Socket.IO client speaks websocket only" },
        { Phases + "  payload:\n    path: missing.csv\n    fields: [a]\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:5:11: config.payload.path: the CSV file 'missing.csv' was not found next to the script" },
        { Phases + "  target: queue.example.org\nscenarios:\n  - flow: [ { get: { url: / } } ]\n", "bad.yml:4:11: config.target: must be an absolute http or https URL (was 'queue.example.org')" },
        { Phases + "scenarios:\n  - engine: ws\n    flow: []\n", "bad.yml:5:13: scenarios[0].engine: engine 'ws' is not supported (supported: http, socketio)" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: /, form: { a: 1 } } } ]\n", "bad.yml:5:30: scenarios[0].flow[0].get.form: 'form' is not supported: form bodies are not sent by the importer; send json or body" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: /, cookie: { a: 1 } } } ]\n", "bad.yml:5:30: scenarios[0].flow[0].get.cookie: 'cookie' is not supported" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: \"http://elsewhere.example.org/x\" } } ]\n", "bad.yml:5:27: scenarios[0].flow[0].get.url: 'http://elsewhere.example.org/x' is absolute; write a path from config.target" },
        { Phases + "scenarios:\n  - flow: [ { get: { json: {} } } ]\n", "bad.yml:5:20: scenarios[0].flow[0].get.url: a request needs url" },
        { Phases + "scenarios:\n  - flow: [ { head: { url: / } } ]\n", "bad.yml:5:15: scenarios[0].flow[0].head: 'head' is not supported: HEAD and OPTIONS requests" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: / }, think: 1 } ]\n", "bad.yml:5:32: scenarios[0].flow[0].think: a step has one action; 'get' and 'think' are in the same step" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: /, capture: { json: \"$..id\", as: id } } } ]\n", "bad.yml:5:47: scenarios[0].flow[0].get.capture.json: '$..id' is not a supported JSONPath" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: \"/a/{{ $randomFoo(1, 9) }}\" } } ]\n", "bad.yml:5:27: scenarios[0].flow[0].get.url: template '{{ $randomFoo(1, 9) }}' is not supported" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: \"/a/{id}\" } } ]\n", "bad.yml:5:27: scenarios[0].flow[0].get.url: '{id}' would be read as a PerfSuite variable placeholder" },
        { Phases + "scenarios:\n  - flow: [ { loop: [ { think: 1 } ], whileTrue: more } ]\n", "bad.yml:5:39: scenarios[0].flow[0].whileTrue: 'whileTrue' is not supported: a JavaScript condition; use count or over" },
        { Phases + "scenarios:\n  - flow: [ { loop: [ { think: 1 } ], over: ids } ]\n", "bad.yml:5:45: scenarios[0].flow[0].over: over must be a list written in the script" },
        { Phases + "scenarios:\n  - flow: [ { emit: { channel: x } } ]\n", "bad.yml:5:13: scenarios[0].flow[0].emit: emit needs engine: socketio on the scenario" },
        { Phases + "scenarios:\n  - engine: socketio\n    flow: [ { emit: { channel: x, namespace: /admin } } ]\n", "bad.yml:6:35: scenarios[0].flow[0].emit.namespace: 'namespace' is not supported: only the default namespace '/' is mapped" },
        { Phases + "  processor: ./missing.js\nscenarios:\n  - flow: [ { function: pickOffice } ]\n", "bad.yml:6:25: scenarios[0].flow[0].function: function 'pickOffice' (config.processor './missing.js' was not found next to the script) is JavaScript, which PerfSuite does not run" },
        { Phases + "scenarios:\n  - flow: [ { parallel: [ { get: { url: / } } ] } ]\n", "bad.yml:5:15: scenarios[0].flow[0].parallel: 'parallel' is not supported: parallel requests" },
        { Phases + "scenarios:\n  - name: a\n    flow: [ { get: { url: / } } ]\n  - name: a\n    flow: [ { get: { url: / } } ]\n", "bad.yml:7:5: scenarios[1].name: scenario name 'a' is used twice" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_script_is_refused_with_file_line_column_and_key(string yaml, string expected)
    {
        var load = () => ArtilleryScriptLoader.Parse(yaml, "bad.yml");

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Select(p => p.ToString())
            .Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void Every_problem_of_a_script_is_listed_not_only_the_first()
    {
        var yaml = Phases + "  ensure:\n    min: 1\nscenarios:\n  - flow: [ { get: { url: /, auth: { user: a } } }, { head: { url: / } } ]\n";

        var load = () => ArtilleryScriptLoader.Parse(yaml, "bad.yml");

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Select(p => p.Key)
            .Should().Equal("config.ensure.min", "scenarios[0].flow[0].get.auth", "scenarios[0].flow[1].head");
    }

    [Fact]
    public void A_hook_other_than_the_token_hook_is_named_in_the_script_and_in_the_processor()
    {
        var path = ArtilleryScripts.Path("hooked.yml");
        var yaml = Phases + "  processor: ./processor.js\nscenarios:\n  - beforeRequest: setToken\n    afterResponse: logResponse\n    flow: [ { get: { url: / } } ]\n";

        var load = () => ArtilleryScriptLoader.Parse(yaml, path);

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Should().ContainSingle().Which.ToString().Should().Be(
            $"{path}:7:20: scenarios[0].afterResponse: afterResponse 'logResponse' (defined at {ArtilleryScripts.Path("processor.js")}:25:10) is JavaScript, "
            + "which PerfSuite does not run. A hook that sets the bearer token is replaced by PerfSuite's token provider (name it with --token-hook NAME); "
            + "anything else: rewrite it as a C# step, or pass --ignore-hooks to run without it");
    }

    [Fact]
    public void Ignoring_hooks_runs_without_them_and_says_which()
    {
        var yaml = Phases + "  processor: ./processor.js\nscenarios:\n  - beforeRequest: setToken\n    afterResponse: logResponse\n    flow: [ { get: { url: / } } ]\n";

        var script = ArtilleryScriptLoader.Parse(yaml, ArtilleryScripts.Path("hooked.yml"), new ArtilleryLoadOptions { IgnoreHooks = true });

        script.TokenHooks.Select(h => h.Name).Should().Equal("setToken");
        script.Notes().Should().Contain(n => n.StartsWith("afterResponse hook 'logResponse' (", StringComparison.Ordinal) && n.EndsWith("skipped (its JavaScript is not run)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_hook_named_by_configuration_is_replaced_even_without_bearer_in_its_body()
    {
        var yaml = Phases + "  processor: ./processor.js\nscenarios:\n  - beforeRequest: logResponse\n    flow: [ { get: { url: / } } ]\n";

        var script = ArtilleryScriptLoader.Parse(yaml, ArtilleryScripts.Path("hooked.yml"), new ArtilleryLoadOptions { TokenHooks = ["logResponse"] });

        script.TokenHooks.Select(h => h.Name).Should().Equal("logResponse");
    }

    [Fact]
    public void A_missing_script_is_named()
    {
        var load = () => ArtilleryScriptLoader.Load("no-such-script.yml");

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Single().ToString().Should().StartWith("no-such-script.yml:1:1: (script): the file does not exist");
    }
}
