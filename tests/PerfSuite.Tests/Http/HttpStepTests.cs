using System.Net;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.Http;

/// <summary>HTTP steps against a spy transport: templating, capture, expectations and counting.</summary>
public sealed class HttpStepTests
{
    private static readonly Uri Base = new("http://127.0.0.1:9/");

    [Fact]
    public async Task Captured_id_fills_the_path_and_body_of_later_steps()
    {
        var spy = new SpyHttpHandler(r => r.Method == HttpMethod.Post
            ? (HttpStatusCode.Created, """{"appointment":{"appointment_id":42,"office":"o-1"}}""")
            : (HttpStatusCode.NoContent, null));
        var flow = Scenario.Create("create and delete")
            .Post("/api/v1/appointments/draft", r => r.Json(new { office_id = 1 }).Expect(201).Capture("appointment.appointment_id", "draft_id"))
            .Put("/api/v1/appointments/{draft_id}/", r => r.Json(new { appointment_draft_id = "{draft_id}", note = "draft {draft_id}" }).Expect(204))
            .Delete("/api/v1/appointments/draft/{draft_id}/", r => r.Expect(204))
            .Build();

        var summary = await RunOnce(flow, spy);

        spy.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").Should().Equal(
            "POST /api/v1/appointments/draft", "PUT /api/v1/appointments/42/", "DELETE /api/v1/appointments/draft/42/");
        spy.Requests.ElementAt(1).Body.Should().Be("""{"appointment_draft_id":42,"note":"draft 42"}""");
        summary.ScenariosCompleted.Should().Be(1);
        summary.Endpoints.Select(e => e.Name).Should().Contain("DELETE /api/v1/appointments/draft/{draft_id}/");
    }

    [Fact]
    public async Task Failed_capture_records_capture_failed_skips_dependent_steps_and_fails_the_scenario()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.Created, """{"unexpected":true}"""));
        var flow = Scenario.Create("broken capture")
            .Post("/api/v1/appointments/draft", r => r.Json(new { office_id = 1 }).Expect(201).Capture("appointment.appointment_id", "draft_id"))
            .Delete("/api/v1/appointments/draft/{draft_id}/", r => r.Expect(204))
            .Get("/api/v1/citizens/")
            .Build();

        var summary = await RunOnce(flow, spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/api/v1/appointments/draft", "/api/v1/citizens/");
        spy.Requests.Should().NotContain(r => r.PathAndQuery.Contains("undefined", StringComparison.Ordinal));
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["capture-failed"] = 1 });
        summary.ScenariosFailed.Should().Be(1);
        summary.Requests.Should().Be(2);
        summary.FailedRequests.Should().Be(0);
    }

    [Fact]
    public async Task Unexpected_status_fails_the_request_and_stops_the_flow()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, "{}"));
        var flow = Scenario.Create("wrong status").Post("/a", r => r.Expect(201)).Get("/b").Build();

        var summary = await RunOnce(flow, spy);

        spy.Requests.Should().ContainSingle();
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 1 });
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["unexpected-status"] = 1 });
        summary.FailedRequests.Should().Be(1);
        summary.ErrorRate.Should().Be(1);
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task Server_errors_count_as_failed_requests_even_without_an_expectation()
    {
        var spy = new SpyHttpHandler(r => r.RequestUri!.AbsolutePath == "/fails" ? (HttpStatusCode.ServiceUnavailable, null) : (HttpStatusCode.OK, "{}"));
        var flow = Scenario.Create("mixed").Get("/ok").Get("/fails").Build();

        var summary = await RunOnce(flow, spy);

        summary.Requests.Should().Be(2);
        summary.FailedRequests.Should().Be(1);
        summary.ErrorRate.Should().Be(0.5);
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 1, ["503"] = 1 });
        summary.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Bearer_token_from_the_provider_is_sent_with_every_request()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, "{}"));
        var flow = Scenario.Create("auth").Get("/api/v1/citizens/").Build();

        await RunOnce(flow, spy, StaticTokenProvider.FromValue("t0k3n"));

        spy.Requests.Single().Authorization.Should().Be("Bearer t0k3n");
    }

    [Fact]
    public async Task Scenario_and_step_headers_are_sent_and_the_step_wins()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, "{}"));
        var flow = Scenario.Create("headers")
            .WithHeader("X-Client", "perfsuite")
            .WithHeader("X-Trace", "scenario")
            .Get("/a", r => r.Header("X-Trace", "step"))
            .Build();

        await RunOnce(flow, spy);

        spy.Headers.Single().Should().Contain("X-Client: perfsuite").And.Contain("X-Trace: step").And.NotContain("X-Trace: scenario");
    }

    [Fact]
    public void A_placeholder_no_earlier_step_captures_is_rejected_when_the_flow_is_built()
    {
        var builder = Scenario.Create("typo").Get("/api/v1/appointments/{apointment_id}/");

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().WithMessage("*uses {apointment_id} but no earlier step captures it*");
    }

    private static async Task<RunSummary> RunOnce(Scenario flow, SpyHttpHandler spy, ITokenProvider? tokens = null)
    {
        var time = new FakeTimeProvider();
        var options = new LoadRunOptions(Base, [flow], new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]))
        {
            TimeProvider = time,
            HttpHandlerFactory = () => spy,
            TokenProvider = tokens ?? NoTokenProvider.Instance,
        };
        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
        summary.Requests.Should().Be(summary.Codes.Values.Sum() + summary.Errors.Where(e => e.Key is not ("capture-failed" or "unexpected-status")).Sum(e => e.Value));
        summary.ScenariosLaunched.Should().Be(summary.ScenariosCompleted + summary.ScenariosFailed);
        return summary;
    }
}
