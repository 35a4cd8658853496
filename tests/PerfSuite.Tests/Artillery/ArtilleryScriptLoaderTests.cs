using PerfSuite.Artillery;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Tests.Artillery;

public sealed class ArtilleryScriptLoaderTests
{
    [Fact]
    public void Unquoted_environment_templates_fill_numeric_phase_fields()
    {
        var script = ArtilleryScripts.Load("csr-test-all.yaml");

        script.Profile.Phases.Should().BeEquivalentTo(new LoadPhase[]
        {
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(3), 1) { MaxVusers = 200 },
            new ArrivalPhase("ramp", TimeSpan.FromSeconds(30), 10) { RampTo = 50, MaxVusers = 200 },
            new ArrivalPhase("sustain", TimeSpan.FromSeconds(60), 50) { MaxVusers = 200 },
        }, o => o.RespectingRuntimeTypes());
        script.Profile.Name.Should().Be(ArtilleryScript.ProfileName);
        script.Target.Should().Be(new Uri("http://127.0.0.1:5000"));
    }

    [Fact]
    public void The_all_script_has_the_three_csr_scenarios_with_equal_weights()
    {
        var script = ArtilleryScripts.Load("csr-test-all.yaml");

        script.Scenarios.Select(s => (s.Name, s.Weight)).Should().Equal(
            ("CSR – Login, load data, idle", 1), ("CSR – Create and delete appointments", 1), ("CSR – Websockets", 1));
    }

    [Fact]
    public void A_flow_reused_through_an_alias_is_flattened_into_the_other_flow()
    {
        var script = ArtilleryScripts.Load("csr-test-http.yaml");

        var create = script.Scenarios.Single(s => s.Name == "CSR – Create and delete appointments");
        create.Endpoints.Take(6).Should().Equal(
            "GET /api/v1/citizens/", "GET /api/v1/appointments/", "GET /api/v1/categories/", "GET /api/v1/channels/",
            "GET /api/v1/services/?office_id=1", "GET /api/v1/exam_types/");
        create.Endpoints.Skip(6).Should().Equal(
            "POST /api/v1/appointments/draft", "DELETE /api/v1/appointments/draft/{draft_id}/", "POST /api/v1/appointments/",
            "PUT /api/v1/appointments/{appointment_id}/", "DELETE /api/v1/appointments/{appointment_id}/");
    }

    [Fact]
    public void The_beforeRequest_hook_that_sets_the_bearer_token_is_replaced_and_named_with_its_places()
    {
        var script = ArtilleryScripts.Load("csr-test-http.yaml");

        script.UsesToken.Should().BeTrue();
        script.TokenHooks.Should().ContainSingle().Which.Should().Match<ArtilleryHook>(h => h.Name == "setToken" && h.Kind == "beforeRequest");
        script.Notes().Single().Should().MatchRegex(@"^beforeRequest hook 'setToken' \(.*csr-test-http\.yaml:27:20, defined at .*processor\.js:17:16\) replaced by PerfSuite's token provider");
    }

    [Fact]
    public void Strict_false_imports_to_an_optional_capture_and_a_request_without_expect_accepts_any_status()
    {
        const string yaml = """
            config:
              phases:
                - { duration: 1, arrivalRate: 1 }
            scenarios:
              - name: "x"
                flow:
                  - get:
                      url: "/a"
                      capture:
                        - { json: "$.id", as: "id", strict: false }
                        - { json: "$.name", as: "name", strict: true }
                        - { json: "$.office", as: "office" }
                  - post:
                      url: "/b/{{ id }}"
                      expect:
                        - statusCode: 201
                  - put:
                      url: "/c"
                      expect:
                        - hasProperty: ok
            """;
        var handWritten = Scenario.Create("x")
            .Get("/a", r => r.AnyStatus().CaptureOptional("id", "id").Capture("name", "name").Capture("office", "office"))
            .Post("/b/{id}", r => r.Expect(201))
            .Put("/c", r => r.CheckJsonExists("$.ok"))
            .Build();

        var imported = ArtilleryScriptLoader.Parse(yaml, ArtilleryScripts.Path("strict.yml"), new ArtilleryLoadOptions { Log = _ => { } }).Scenarios.Single();

        StepDescription.Of(imported).Should().Equal(StepDescription.Of(handWritten));
    }

    [Fact]
    public void The_step_description_tells_AnyStatus_and_an_optional_capture_apart()
    {
        var plain = Scenario.Create("x").Get("/a", r => r.Capture("$.id", "id")).Build();
        var anyStatus = Scenario.Create("x").Get("/a", r => r.AnyStatus().Capture("$.id", "id")).Build();
        var optional = Scenario.Create("x").Get("/a", r => r.CaptureOptional("$.id", "id")).Build();

        StepDescription.Of(anyStatus).Should().NotEqual(StepDescription.Of(plain));
        StepDescription.Of(optional).Should().NotEqual(StepDescription.Of(plain));
    }

    [Fact]
    public void Ensure_becomes_the_budget_of_the_run()
    {
        var keys = ArtilleryScripts.Load("csr-test-keys.yaml");
        var socket = ArtilleryScripts.Load("csr-test-socket.yaml");

        keys.EnsureBudget("csr-test-keys").Should().Be(new ScenarioBudget("csr-test-keys", "artillery",
            new BudgetLimits(P50Ms: 2000, P95Ms: 3000, P99Ms: 5000, MaxMs: 10000, ErrorRate: 0.05)));
        socket.Ensure.Should().Be(new BudgetLimits(P95Ms: 2000, ErrorRate: 0.01));
    }

    [Fact]
    public void The_keys_script_maps_http_socketio_phases_and_feeds()
    {
        var script = ArtilleryScripts.Load("csr-test-keys.yaml");

        script.Http.Should().Be(new ArtilleryHttpSettings(TimeSpan.FromSeconds(10), 4, Insecure: true));
        script.Profile.Phases.Select(p => p.Describe()).Should().Equal("3/s for 1 s, maxVusers 10", "pause for 1 s", "2/s for 2 s");
        var http = script.Scenarios[0];
        http.Weight.Should().Be(2);
        http.Endpoints.Should().Equal(
            "GET /api/v1/services/?office_id={office_id}", "POST /api/v1/appointments/draft", "PATCH /api/v1/appointments/draft/{draft_id}/",
            "GET /api/v1/categories/", "GET /api/v1/channels/", "GET /api/v1/no-such-resource/", "DELETE /api/v1/appointments/draft/{draft_id}/");
        script.Scenarios[1].Endpoints.Should().Equal(
            "socket.io connect /api/v1/socket.io", "socket.io emit echo", "socket.io ack joinRoom", "socket.io event joinRoomSuccess", "GET /api/v1/channels/");
    }

    [Fact]
    public void Durations_take_artillery_units()
    {
        var script = ArtilleryScriptLoader.Parse(
            """
            config:
              phases:
                - { duration: "2m", arrivalRate: 1 }
                - { duration: 500ms, arrivalRate: 1 }
                - { duration: 1h, arrivalCount: 3600 }
            scenarios:
              - flow:
                  - get: { url: "/" }
            """, "units.yml");

        script.Profile.Phases.Select(p => p.Duration).Should().Equal(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1));
        ((ArrivalPhase)script.Profile.Phases[2]).ArrivalRate.Should().Be(1);
    }
}
