using PerfSuite.Artillery;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Artillery;

/// <summary>Artillery's templates where Artillery templates them: header values, template functions, random think times.</summary>
public sealed class ArtilleryTemplateTests
{
    private const string Phases = "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n";

    [Fact]
    public void A_captured_token_in_a_header_value_is_filled_in_per_request()
    {
        const string yaml = Phases + """
            scenarios:
              - name: x
                flow:
                  - post: { url: "/login", capture: { json: "$.token", as: "token" } }
                  - get: { url: "/me", headers: { Authorization: "Bearer {{ token }}", Accept: "application/json" } }
            """;
        var handWritten = Scenario.Create("x")
            .Post("/login", r => r.AnyStatus().Capture("token", "token"))
            .Get("/me", r => r.AnyStatus().HeaderTemplate("Authorization", "Bearer {token}").Header("Accept", "application/json"))
            .Build();

        var imported = ArtilleryScriptLoader.Parse(yaml, "headers.yml").Scenarios.Single();

        StepDescription.Of(imported).Should().Equal(StepDescription.Of(handWritten));
    }

    public static TheoryData<string, string> Functions => new()
    {
        { "get: { url: \"/a/{{ $randomNumber(1, 10) }}\" }", "GET /a/{_artillery_fn1}" },
        { "get: { url: \"/a/{{ $randomString() }}?potato=1\" }", "GET /a/{_artillery_fn1}?potato=1" },
        { "get: { url: \"/a\", qs: { id: \"{{ $randomString(4) }}\" } }", "GET /a?id={_artillery_fn1}" },
        { "post: { url: \"/a/{{ $uuid }}\", json: { name: \"Dog {{ $randomNumber(0, 1000) }}\" } }", "POST /a/{_artillery_uuid}" },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_template_function_is_evaluated_per_user_by_a_step_just_before_the_request(string step, string endpoint)
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "scenarios:\n  - flow:\n      - " + step + "\n", "functions.yml");

        var steps = StepDescription.Of(script.Scenarios.Single());

        script.Scenarios.Single().Endpoints.Should().Equal(endpoint);
        steps[^1].Should().StartWith("HttpStep(");
        steps.SkipLast(1).Should().NotBeEmpty().And.OnlyContain(s => s.StartsWith("ActionStep(", StringComparison.Ordinal));
    }

    [Fact]
    public void A_random_think_time_thinks_between_its_bounds()
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "scenarios:\n  - name: x\n    flow:\n      - think: \"{{ $randomNumber(1, 3) }}\"\n      - get: { url: / }\n", "think.yml");
        var handWritten = Scenario.Create("x").Think(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)).Get("/", r => r.AnyStatus()).Build();

        StepDescription.Of(script.Scenarios.Single()).Should().Equal(StepDescription.Of(handWritten));
    }

    [Theory]
    [InlineData("{{ $randomFoo(1) }}")]
    [InlineData("{{ $randomNumber(9, 1) }}")]
    [InlineData("{{ $randomNumber }}")]
    public void A_template_function_Artillery_does_not_have_is_refused_naming_it(string template)
    {
        var load = () => ArtilleryScriptLoader.Parse(Phases + $"scenarios:\n  - flow: [ {{ get: {{ url: \"/a/{template}\" }} }} ]\n", "bad.yml");

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().StartWith($"template '{template}' is not supported");
    }

    public static TheoryData<string, string, string> Names => new()
    {
        { "", "get: { url: \"/pony?a=1\", name: \"Pony\" }", "GET /pony?a=1 (Pony)" },
        { "", "get: { url: \"/pony?a=1\" }", "GET /pony?a=1" },
        { "  plugins:\n    metrics-by-endpoint: { stripQueryString: true }\n", "get: { url: \"/pony?a=1\" }", "GET /pony" },
        { "  plugins:\n    metrics-by-endpoint: { stripQueryString: true }\n", "get: { url: \"/dino/{{ $randomString() }}?p=1\", name: \"GET /dino\" }", "GET /dino/{_artillery_fn1} (GET /dino)" },
        { "  plugins:\n    metrics-by-endpoint: { useOnlyRequestNames: true }\n", "post: { url: \"/pets\", name: \"Create a pet\" }", "Create a pet" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_request_name_names_the_endpoint_as_metrics_by_endpoint_does(string plugins, string step, string endpoint)
    {
        var script = ArtilleryScriptLoader.Parse(Phases + plugins + "scenarios:\n  - flow:\n      - " + step + "\n", "names.yml");

        script.Warnings.Should().BeEmpty();
        script.Scenarios.Single().Endpoints.Should().Equal(endpoint);
    }

    [Fact]
    public void Variables_inside_structured_emit_data_are_filled_in_per_emit()
    {
        const string yaml = Phases + """
              variables:
                token: abc
            scenarios:
              - name: x
                engine: socketio
                flow:
                  - emit: { channel: joinTournament, data: { token: "{{ token }}", seat: 3 } }
            """;
        var handWritten = Scenario.Create("x").WithVariable("token", "abc")
            .SocketIoConnect()
            .Emit("joinTournament", [new PerfSuite.Engine.SocketIo.SocketIoJsonTemplate("""{"token":"{token}","seat":3}""")])
            .SocketIoDisconnect()
            .Build();

        var imported = ArtilleryScriptLoader.Parse(yaml, "emit.yml").Scenarios.Single();

        StepDescription.Of(imported).Should().Equal(StepDescription.Of(handWritten));
    }
}
