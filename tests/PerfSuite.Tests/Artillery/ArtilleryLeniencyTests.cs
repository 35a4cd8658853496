using PerfSuite.Artillery;
using PerfSuite.Engine.Http;

namespace PerfSuite.Tests.Artillery;

/// <summary>What Artillery lets through is accepted with one warning line; an empty section is empty; --strict refuses.</summary>
public sealed class ArtilleryLeniencyTests
{
    private const string Phases = "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n";

    private const string Flow = "scenarios:\n  - flow: [ { get: { url: / } } ]\n";

    public static TheoryData<string, string> IgnoredKeys => new()
    {
        { Phases + "  tsl: {}\n" + Flow, "bad.yml:4:3: key 'config.tsl' is ignored, as Artillery does" },
        { Phases + "  environments:\n    staging: {}\n" + Flow, "bad.yml:4:3: key 'config.environments' is ignored, as Artillery does" },
        { Phases + "  engines:\n    socketio-v3: {}\n" + Flow, "bad.yml:4:3: key 'config.engines' is ignored, as Artillery does" },
        { Phases + "  apdex:\n    threshold: 100\n" + Flow, "bad.yml:4:3: key 'config.apdex' is ignored, as Artillery does" },
        { Phases + "  http:\n    pool: 10\n" + Flow, "bad.yml:5:5: key 'config.http.pool' is ignored, as Artillery does" },
        { Phases + "  plugins:\n    publish-metrics: {}\n" + Flow, "bad.yml:5:5: key 'config.plugins.publish-metrics' is ignored, as Artillery does" },
        { Phases + "  plugins:\n    - statsd\n" + Flow, "bad.yml:5:5: key 'config.plugins' is ignored, as Artillery does" },
        { Phases + "  plugins:\n    expect:\n      outputFormat: json\n" + Flow, "bad.yml:6:7: key 'config.plugins.expect.outputFormat' is ignored, as Artillery does" },
        { "config:\n  phases:\n    - { duration: 1, arrivalRate: 1, loop: 3 }\n" + Flow, "bad.yml:3:38: key 'config.phases[0].loop' is ignored, as Artillery does" },
        { Phases + Flow + "thresholds:\n  max: 500\n", "bad.yml:6:1: key 'thresholds' is ignored, as Artillery does" },
        { Phases + "scenarios:\n  - socketio: { transports: [websocket] }\n    flow: [ { get: { url: / } } ]\n", "bad.yml:5:5: key 'scenarios[0].socketio' is ignored, as Artillery does" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: /, think: 2 } } ]\n", "bad.yml:5:30: key 'scenarios[0].flow[0].get.think' is ignored, as Artillery does" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: /, capture: { json: $.id, as: id, note: x }, strict: false } } ]\n", "bad.yml:5:61: key 'scenarios[0].flow[0].get.capture.note' is ignored, as Artillery does" },
        { Phases + "scenarios:\n  - flow: [ { get: { url: /, afterResponse: logIt } } ]\n", "bad.yml:5:45: afterResponse 'logIt' is skipped: the script sets no config.processor, so Artillery finds no such function and skips it too" },
    };

    [Theory]
    [MemberData(nameof(IgnoredKeys))]
    public void A_key_Artillery_ignores_is_accepted_with_one_warning_line(string yaml, string expected)
    {
        var script = ArtilleryScriptLoader.Parse(yaml, "bad.yml");

        script.Warnings.Select(w => w.ToString()).Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(IgnoredKeys))]
    public void Strict_refuses_every_key_Artillery_ignores(string yaml, string warning)
    {
        var load = () => ArtilleryScriptLoader.Parse(yaml, "bad.yml", new ArtilleryLoadOptions { Strict = true });

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Should().ContainSingle()
            .Which.Line.Should().Be(long.Parse(warning.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("variables:")]
    [InlineData("variables: ~")]
    [InlineData("plugins:")]
    [InlineData("http:")]
    [InlineData("ensure:")]
    public void An_empty_section_is_an_empty_section(string section)
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "  " + section + "\n" + Flow, "empty.yml");

        script.Warnings.Should().BeEmpty();
        script.Scenarios.Should().ContainSingle();
    }

    [Fact]
    public void Request_level_strict_false_makes_that_requests_captures_optional()
    {
        const string yaml = Phases + """
            scenarios:
              - name: x
                flow:
                  - post:
                      url: "/a"
                      capture:
                        json: "$.appointment.appointment_id"
                        as: "id"
                      strict: false # the users' comment: we don't mind if the id can't be captured
                  - get:
                      url: "/b"
                      capture: { json: "$.name", as: "name" }
            """;
        var handWritten = PerfSuite.Engine.Load.Scenario.Create("x")
            .Post("/a", r => r.AnyStatus().CaptureOptional("appointment.appointment_id", "id"))
            .Get("/b", r => r.AnyStatus().Capture("name", "name"))
            .Build();

        var imported = ArtilleryScriptLoader.Parse(yaml, "strict.yml").Scenarios.Single();

        StepDescription.Of(imported).Should().Equal(StepDescription.Of(handWritten));
    }

    [Fact]
    public void A_script_without_phases_runs_one_user_in_one_second_as_Artillery_does()
    {
        var script = ArtilleryScriptLoader.Parse("config:\n  environments:\n    load: { phases: [ { duration: 600, arrivalRate: 10 } ] }\n" + Flow, "no-phases.yml");

        script.Profile.Phases.Select(p => (p.Describe(), p.Plan().Count)).Should().Equal(("1/s for 1 s", 1));
        script.Notes().Should().Contain(n => n.StartsWith("config.phases is not set: one user in one second", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_defaults_headers_go_on_every_request()
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "  defaults:\n    headers:\n      X-Team: csr\n" + Flow, "defaults.yml");

        StepDescription.Of(script.Scenarios.Single()).Should().ContainSingle().Which.Should().Contain("\"Key\":\"X-Team\",\"Value\":\"csr\"");
    }

    [Fact]
    public void A_url_that_starts_with_the_target_variable_is_a_path_from_the_target()
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "scenarios:\n  - flow: [ { get: { url: \"{{ target }}get\" } } ]\n", "target.yml");

        script.Scenarios.Single().Endpoints.Should().Equal("GET /get");
    }

    [Fact]
    public void The_command_line_target_replaces_config_target_which_is_then_not_read()
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "  target: \"{{ $env.UNSET_BASE_URL }}\"\n" + Flow, "target.yml",
            new ArtilleryLoadOptions { Environment = _ => null, Target = new Uri("http://127.0.0.1:5000") });

        script.Target.Should().Be(new Uri("http://127.0.0.1:5000"));
        script.Notes().Should().ContainSingle().Which.Should().Be("config.target (target.yml:4:11) replaced by --target http://127.0.0.1:5000/");
    }

    [Theory]
    [InlineData("csr-http.yaml")]
    [InlineData("csr-socket.yaml")]
    [InlineData("csr-test-all.yaml")]
    public void The_users_own_scripts_are_accepted_unchanged(string name)
    {
        var environment = ArtilleryEnvFile.Read(Path.Combine(AppContext.BaseDirectory, "Artillery", "users", "envs.example.sh"));

        var script = ArtilleryScriptLoader.Load(Path.Combine(AppContext.BaseDirectory, "Artillery", "users", name), new ArtilleryLoadOptions
        {
            Environment = n => n == "TARGET" ? "http://127.0.0.1:5000" : environment.GetValueOrDefault(n) ?? "1",
            Log = _ => { },
        });

        script.Scenarios.Should().NotBeEmpty();
        script.TokenHooks.Select(h => h.Name).Should().Equal("setAuthHeader");
    }
}
