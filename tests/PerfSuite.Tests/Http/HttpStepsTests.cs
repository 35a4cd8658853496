using System.Net;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Http;

/// <summary>The options-lambda HTTP steps: checks beyond the status, several captures, every verb, bad options.</summary>
public sealed class HttpStepsTests
{
    private static readonly Dictionary<string, Action<RequestOptions>> Checks = new()
    {
        ["json equals true"] = r => r.CheckJson("$.ok", true),
        ["json equals a number by value"] = r => r.CheckJson("$.items[0].id", 42),
        ["json equals a string exactly"] = r => r.CheckJson("$.name", "Ann"),
        ["json equals an object"] = r => r.CheckJson("$.room", new { id = 1, name = "a" }),
        ["json exists"] = r => r.CheckJsonExists("$.id"),
        ["json exists in the dotted form"] = r => r.CheckJsonExists("items.0.id"),
        ["body predicate"] = r => r.CheckBody("has-office", body => body.Contains("office", StringComparison.Ordinal)),
        ["body predicate that throws"] = r => r.CheckBody("boom", _ => throw new InvalidOperationException("bug in the predicate")),
        ["named json check"] = r => r.CheckJson("$.ok", true, name: "ok"),
    };

    public static TheoryData<string, string, string?> CheckCases => new()
    {
        { "json equals true", """{"ok":true}""", null },
        { "json equals true", """{"ok":false}""", "check:$.ok == true" },
        { "json equals true", """{"ok":"true"}""", "check:$.ok == true" },
        { "json equals true", "<html>not json</html>", "check:$.ok == true" },
        { "json equals true", string.Empty, "check:$.ok == true" },
        { "json equals a number by value", """{"items":[{"id":42.0}]}""", null },
        { "json equals a number by value", """{"items":[]}""", "check:$.items[0].id == 42" },
        { "json equals a string exactly", """{"name":"Ann"}""", null },
        { "json equals a string exactly", """{"name":"ann"}""", "check:$.name == \"Ann\"" },
        { "json equals an object", """{"room":{"name":"a","id":1}}""", null },
        { "json equals an object", """{"room":{"name":"a","id":2}}""", """check:$.room == {"id":1,"name":"a"}""" },
        { "json exists", """{"id":null}""", null },
        { "json exists", """{"ID":1}""", "check:$.id exists" },
        { "json exists in the dotted form", """{"items":[{"id":1}]}""", null },
        { "json exists in the dotted form", """{"items":{"0":{"id":1}}}""", null },
        { "json exists in the dotted form", """{"items":[{"x":1}]}""", "check:items.0.id exists" },
        { "body predicate", """{"office":1}""", null },
        { "body predicate", """{"room":1}""", "check:has-office" },
        { "body predicate that throws", "{}", "check:boom" },
        { "named json check", """{"ok":0}""", "check:ok" },
    };

    [Theory]
    [MemberData(nameof(CheckCases))]
    public async Task A_check_passes_or_fails_under_its_own_name_and_the_request_stays_timed(string check, string body, string? error)
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, body));
        var flow = Scenario.Create("checks").Get("/a", Checks[check]).Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 1 });
        summary.Latency.Count.Should().Be(1);
        if (error is null)
        {
            summary.Errors.Should().BeEmpty();
            summary.FailedRequests.Should().Be(0);
            summary.ScenariosCompleted.Should().Be(1);
        }
        else
        {
            summary.Errors.Should().Equal(new Dictionary<string, long> { [error] = 1 });
            summary.FailedRequests.Should().Be(1);
            summary.ScenariosFailed.Should().Be(1);
        }
    }

    [Fact]
    public async Task A_failed_check_ends_the_flow_and_every_failing_check_is_counted()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, """{"ok":false}"""));
        var flow = Scenario.Create("two checks")
            .Get("/a", r => r.Expect(200).CheckJson("$.ok", true).CheckJsonExists("$.id").CheckBody("short", b => b.Length < 100))
            .Get("/b")
            .Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a");
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["check:$.ok == true"] = 1, ["check:$.id exists"] = 1 });
        summary.Endpoints.Single(e => e.Name == "GET /a").FailedRequests.Should().Be(1);
    }

    [Fact]
    public async Task An_unexpected_status_is_reported_alone_without_running_the_checks()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.NotFound, """{"error":"no"}"""));
        var flow = Scenario.Create("404").Get("/a", r => r.Expect(200).CheckJson("$.ok", true)).Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["unexpected-status"] = 1 });
        summary.FailedRequests.Should().Be(1);
    }

    [Fact]
    public async Task Several_captures_of_one_response_fill_later_paths_bodies_and_headers_of_every_verb()
    {
        var spy = new SpyHttpHandler(r => r.Method == HttpMethod.Post
            ? (HttpStatusCode.Created, """{"appointment":{"appointment_id":42,"office":"o 1"},"items":[{"id":"x"}]}""")
            : (HttpStatusCode.OK, "{}"));
        var flow = Scenario.Create("verbs")
            .WithHeader("X-Client", "perfsuite")
            .Post("/a", r => r.Json(new { office_id = 1 }).Expect(201)
                .Capture("$.appointment.appointment_id", "id")
                .Capture("$.appointment.office", "office")
                .Capture("$.items[0].id", "item"))
            .Put("/a/{id}", r => r.Json(new { id = "{id}", office = "{office}" }))
            .Patch("/a/{id}/{item}", r => r.Json("""{"note":"{office}"}""").Header("X-Trace", "patch"))
            .Get("/a/{id}?office={office}", r => r.Expect(200))
            .Delete("/a/{id}", r => r.Expect(200))
            .Request(new HttpMethod("PURGE"), "/cache/{id}", r => r.Header("X-Client", "step"))
            .Head("/a/{id}")
            .Options("/a/{item}", r => r.Expect(200))
            .Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => $"{r.Method} {r.PathAndQuery} {r.Body}").Should().Equal(
            "POST /a {\"office_id\":1}",
            "PUT /a/42 {\"id\":42,\"office\":\"o 1\"}",
            "PATCH /a/42/x {\"note\":\"o 1\"}",
            "GET /a/42?office=o%201 ",
            "DELETE /a/42 ",
            "PURGE /cache/42 ",
            "HEAD /a/42 ",
            "OPTIONS /a/x ");
        spy.Headers.ElementAt(2).Should().Contain("X-Trace: patch").And.Contain("X-Client: perfsuite");
        spy.Headers.ElementAt(5).Should().Contain("X-Client: step").And.NotContain("perfsuite");
        summary.Errors.Should().BeEmpty();
        summary.ScenariosCompleted.Should().Be(1);
        summary.Endpoints.Select(e => e.Name).Should().Equal(
            "POST /a", "PUT /a/{id}", "PATCH /a/{id}/{item}", "GET /a/{id}?office={office}", "DELETE /a/{id}", "PURGE /cache/{id}", "HEAD /a/{id}", "OPTIONS /a/{item}");
    }

    [Fact]
    public async Task One_missing_capture_of_several_is_capture_failed_and_skips_only_the_steps_that_need_it()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, """{"id":7}"""));
        var flow = Scenario.Create("half capture")
            .Get("/a", r => r.Capture("$.id", "id").Capture("$.name", "name"))
            .Get("/b/{name}", r => r.Expect(200))
            .Get("/c/{id}", r => r.Expect(200))
            .Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a", "/c/7");
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["capture-failed"] = 1 });
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task An_optional_capture_that_finds_nothing_records_no_error_and_the_flow_goes_on()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, """{"id":7,"name":null}"""));
        var flow = Scenario.Create("optional capture")
            .Get("/a", r => r.CaptureOptional("$.name", "name").CaptureOptional("$.missing", "missing").CaptureOptional("$.id", "id"))
            .Get("/b/{id}", r => r.Expect(200))
            .Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a", "/b/7");
        summary.Errors.Should().BeEmpty();
        summary.FailedRequests.Should().Be(0);
        summary.ScenariosCompleted.Should().Be(1);
        summary.ScenariosFailed.Should().Be(0);
    }

    [Fact]
    public async Task A_step_that_uses_an_optional_capture_left_unset_is_skipped_without_an_error_and_later_steps_run()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, """{"id":7}"""));
        var flow = Scenario.Create("optional capture used")
            .Get("/a", r => r.CaptureOptional("$.name", "name"))
            .Get("/b/{name}", r => r.Expect(200))
            .Get("/c", r => r.Expect(200))
            .Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a", "/c");
        summary.Errors.Should().BeEmpty();
        summary.ScenariosFailed.Should().Be(1, "a skipped step is not a completed flow");
    }

    [Fact]
    public async Task A_503_with_AnyStatus_is_counted_as_its_code_not_as_a_failure_and_the_flow_goes_on()
    {
        var spy = new SpyHttpHandler(r => r.RequestUri!.AbsolutePath == "/a" ? (HttpStatusCode.ServiceUnavailable, "{}") : (HttpStatusCode.NotFound, "{}"));
        var flow = Scenario.Create("any status")
            .Get("/a", r => r.AnyStatus())
            .Get("/b", r => r.AnyStatus())
            .Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a", "/b");
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["503"] = 1, ["404"] = 1 });
        summary.FailedRequests.Should().Be(0);
        summary.Errors.Should().BeEmpty();
        summary.ScenariosCompleted.Should().Be(1);
    }

    [Fact]
    public async Task Without_AnyStatus_a_503_still_fails_the_request_and_ends_the_flow()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.ServiceUnavailable, "{}"));
        var flow = Scenario.Create("default status").Get("/a").Get("/b").Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a");
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["503"] = 1 });
        summary.FailedRequests.Should().Be(1);
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task AnyStatus_still_runs_the_checks()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.ServiceUnavailable, """{"ok":false}"""));
        var flow = Scenario.Create("any status checked").Get("/a", r => r.AnyStatus().CheckJson("$.ok", true)).Get("/b").Build();

        var summary = await VirtualTimeRun.RunLeanAsync(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a");
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["check:$.ok == true"] = 1 });
        summary.FailedRequests.Should().Be(1);
    }

    public static TheoryData<string, string> BadOptions => new()
    {
        { "bad path", "scenario 'bad': step 'GET /a': JSON path '$.a[x]': expected an array index like [0] at position 3" },
        { "empty path", "scenario 'bad': step 'GET /a': JSON path must not be empty (was '')" },
        { "path without dot", "scenario 'bad': step 'GET /a': JSON path '$a': expected '.' or '[' at position 1" },
        { "double dot", "scenario 'bad': step 'GET /a': JSON path '$.a..b': empty property name at position 4" },
        { "status", "scenario 'bad': step 'GET /a': Expect: status must be 100..599 (was 2000)" },
        { "variable", "scenario 'bad': step 'GET /a': Capture('$.id'): variable name '1id' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)" },
        { "header", "scenario 'bad': step 'GET /a': Header: name must not be empty (was ' ')" },
        { "check name", "scenario 'bad': step 'GET /a': CheckBody: name must not be empty (was '')" },
        { "optional variable", "scenario 'bad': step 'GET /a': CaptureOptional('$.id'): variable name '1id' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)" },
        { "any status and expect", "scenario 'bad': step 'GET /a': AnyStatus and Expect(200) exclude each other: give one" },
    };

    private static readonly Dictionary<string, Action<RequestOptions>> Bad = new()
    {
        ["bad path"] = r => r.CheckJson("$.a[x]", 1),
        ["empty path"] = r => r.CheckJsonExists(""),
        ["path without dot"] = r => r.Capture("$a", "a"),
        ["double dot"] = r => r.CheckJsonExists("$.a..b"),
        ["status"] = r => r.Expect(2000),
        ["variable"] = r => r.Capture("$.id", "1id"),
        ["header"] = r => r.Header(" ", "x"),
        ["check name"] = r => r.CheckBody("", _ => true),
        ["optional variable"] = r => r.CaptureOptional("$.id", "1id"),
        ["any status and expect"] = r => r.Expect(200).AnyStatus(),
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void A_bad_option_is_reported_by_Build_with_the_scenario_step_and_value(string option, string message)
    {
        var builder = Scenario.Create("bad").Get("/a", Bad[option]);

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Build_reports_every_bad_option_at_once()
    {
        var builder = Scenario.Create("bad").Get("/a", r => r.Expect(2000).CheckJson("$.a[x]", 1)).Post("/b", r => r.Capture("$.id", "1id"));

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().Which.Message.Split(Environment.NewLine).Should().HaveCount(3);
    }
}
