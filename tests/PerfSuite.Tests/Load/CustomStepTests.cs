using System.Net;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Http;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Load;

/// <summary>Custom steps (<c>Step</c>, <c>Do</c>), loops and the <see cref="StepContext"/> they see, in virtual time against a spy.</summary>
public sealed class CustomStepTests : IDisposable
{
    private readonly SpyHttpHandler _spy = new(_ => (HttpStatusCode.OK, """{"id":7}"""));

    public void Dispose() => _spy.Dispose();

    [Fact]
    public async Task A_custom_step_is_timed_and_counted_under_its_own_endpoint_like_a_request()
    {
        var flow = Scenario.Create("custom")
            .Step("think hard", async (ctx, ct) => await Task.Delay(TimeSpan.FromMilliseconds(250), ctx.TimeProvider, ct))
            .Get("/after")
            .Build();

        var summary = await VirtualTimeRun.RunAsync(flow, _spy);

        summary.Endpoints.Select(e => (e.Name, e.Kind, e.Requests, e.FailedRequests)).Should().Equal(
            ("think hard", "custom", 1L, 0L), ("GET /after", "http", 1L, 0L));
        summary.Endpoints[0].Latency.Count.Should().Be(1);
        summary.Endpoints[0].Codes.Should().Equal(new Dictionary<string, long> { ["0"] = 1 });
        summary.ScenariosCompleted.Should().Be(1);
    }

    [Fact]
    public async Task A_custom_step_reads_and_sets_variables_and_reaches_the_users_http_client()
    {
        var seen = new List<string>();
        var flow = Scenario.Create("variables")
            .WithVariable("office", "office 1")
            .Get("/a", r => r.Capture("$.id", "id"))
            .Step("derive", async (ctx, ct) =>
            {
                seen.Add($"{ctx.UserId} {ctx.ScenarioName} {ctx.BaseUri} {ctx["office"]} {ctx["id"]} {ctx.Resolve("{office}/{id}")}");
                using var response = await ctx.Http.GetAsync(new Uri("/via-client", UriKind.Relative), ct);
                ctx.Set("room", "room-" + ctx["id"]);
                ctx.Set("status", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }, "room", "status")
            .Get("/rooms/{room}?status={status}")
            .Build();

        var summary = await VirtualTimeRun.RunAsync(flow, _spy);

        seen.Should().Equal("0 variables http://127.0.0.1:9/ office 1 7 office 1/7");
        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/a", "/via-client", "/rooms/room-7?status=200");
        summary.ScenariosCompleted.Should().Be(1);
    }

    [Fact]
    public async Task The_users_http_client_sends_the_runs_token_unless_the_request_has_its_own()
    {
        var flow = Scenario.Create("token")
            .Step("calls", async (ctx, ct) =>
            {
                using var plain = await ctx.Http.GetAsync(new Uri("/plain", UriKind.Relative), ct);
                using var own = new HttpRequestMessage(HttpMethod.Get, "/own");
                own.Headers.Authorization = new("Basic", "eDp5");
                using var response = await ctx.Http.SendAsync(own, ct);
            })
            .Build();
        var options = VirtualTimeRun.Options([flow], _spy, new FakeTimeProvider()) with { TokenProvider = Engine.Auth.StaticTokenProvider.FromValue("t0k3n") };

        await VirtualTimeRun.RunAsync(options);

        _spy.Requests.Select(r => $"{r.PathAndQuery} {r.Authorization}").Should().Equal("/plain Bearer t0k3n", "/own Basic eDp5");
    }

    [Fact]
    public async Task An_exception_is_step_failed_ends_that_users_flow_and_the_run_goes_on()
    {
        var flow = Scenario.Create("flaky")
            .Step("sometimes throws", (ctx, _) => ctx.UserId == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask)
            .Get("/after")
            .Build();

        var summary = await VirtualTimeRun.RunAsync(flow, _spy, arrivals: 3);

        summary.CustomStepErrors.Should().Equal(new Dictionary<string, long> { ["step-failed"] = 1 }, "a custom step's failure is counted apart from the requests' errors");
        summary.Errors.Should().BeEmpty();
        summary.Endpoints[0].Should().Match<Engine.Metrics.EndpointSummary>(e => e.Requests == 3 && e.FailedRequests == 1);
        summary.ScenariosCompleted.Should().Be(2);
        summary.ScenariosFailed.Should().Be(1);
        _spy.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_custom_step_past_the_request_timeout_is_a_timeout()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("slow")
            .Step("slow", async (ctx, ct) => await Task.Delay(TimeSpan.FromSeconds(5), ctx.TimeProvider, ct))
            .Build();
        var options = VirtualTimeRun.Options([flow], _spy, time) with { RequestTimeout = TimeSpan.FromSeconds(1) };

        var summary = await VirtualTimeRun.RunAsync(options);

        summary.CustomStepErrors.Should().Equal(new Dictionary<string, long> { ["timeout"] = 1 }, "a custom step's failure is counted apart from the requests' errors");
        summary.Errors.Should().BeEmpty();
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_named_check_in_a_custom_step_is_counted_under_its_name()
    {
        var flow = Scenario.Create("checked")
            .Step("count rooms", (ctx, _) =>
            {
                ctx.Check("has-rooms", ctx.Variables.ContainsKey("rooms"));
                return Task.CompletedTask;
            })
            .Get("/never")
            .Build();

        var summary = await VirtualTimeRun.RunAsync(flow, _spy);

        summary.CustomStepErrors.Should().Equal(new Dictionary<string, long> { ["check:has-rooms"] = 1 });
        summary.Codes.Should().BeEmpty("a custom step's code 0 is not a Socket.IO operation's");
        summary.FailedCustomSteps.Should().Be(1);
        summary.FailedRequests.Should().Be(0);
        _spy.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_variable_a_step_declares_but_does_not_set_is_capture_failed_and_skips_the_steps_that_need_it()
    {
        var flow = Scenario.Create("forgetful")
            .Step("forgets", (_, _) => Task.CompletedTask, "token")
            .Get("/x/{token}")
            .Get("/y")
            .Build();

        var summary = await VirtualTimeRun.RunAsync(flow, _spy);

        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/y");
        summary.CustomStepErrors.Should().Equal(new Dictionary<string, long> { ["capture-failed"] = 1 }, "a custom step's failure is counted apart from the requests' errors");
        summary.Errors.Should().BeEmpty();
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task Do_sets_variables_without_an_endpoint_and_repeat_and_for_each_run_their_steps_in_order()
    {
        var log = new List<string>();
        var flow = Scenario.Create("loops")
            .Do(ctx => ctx.Set("base", "/items"), "base")
            .Repeat(3, b => b.Get("/ping"))
            .ForEach("item", ["a", "b c"], b => b
                .Get("{base}/{item}", r => r.Expect(200))
                .Do(ctx => log.Add(ctx.Resolve("got {item}"))))
            .Repeat(0, b => b.Get("/never"))
            .Build();

        var summary = await VirtualTimeRun.RunAsync(flow, _spy);

        _spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/ping", "/ping", "/ping", "/%2Fitems/a", "/%2Fitems/b%20c");
        log.Should().Equal("got a", "got b c");
        summary.Endpoints.Select(e => (e.Name, e.Requests)).Should().Equal(("GET /ping", 3L), ("GET {base}/{item}", 2L));
        summary.ScenariosCompleted.Should().Be(1);
    }

    [Fact]
    public async Task An_exception_in_Do_is_a_bug_in_the_scenario_and_fails_the_run()
    {
        var flow = Scenario.Create("buggy").Do(_ => throw new InvalidOperationException("typo in the scenario")).Build();

        var act = () => VirtualTimeRun.RunAsync(flow, _spy);

        (await act.Should().ThrowAsync<AggregateException>()).WithInnerException<InvalidOperationException>().WithMessage("typo in the scenario");
    }

    [Fact]
    public async Task Reading_a_variable_that_is_not_set_names_it_and_the_ones_that_are()
    {
        string? message = null;
        var flow = Scenario.Create("missing")
            .WithVariable("b", "2")
            .WithVariable("a", "1")
            .Step("reads", (ctx, _) =>
            {
                message = Record.Exception(() => ctx.Resolve("{nope}"))?.Message;
                return Task.CompletedTask;
            })
            .Build();

        await VirtualTimeRun.RunAsync(flow, _spy);

        message.Should().Be("variable 'nope' is not set (set: a, b)");
    }

    public static TheoryData<string, string> BadSteps => new()
    {
        { "empty name", "scenario 'bad': Step: name must not be empty (was ' ')" },
        { "bad variable", "scenario 'bad': step 'login': variable name '2fa' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)" },
        { "negative repeat", "scenario 'bad': Repeat: count must be 0..100000 (was -1)" },
        { "bad loop variable", "scenario 'bad': ForEach: variable name 'my item' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)" },
        { "variable in a loop", "scenario 'bad': Repeat: WithFeed and WithVariable belong to the scenario, not inside a loop" },
        { "unknown placeholder after a step", "scenario 'bad': step 'GET /x/{other}' uses {other} but no earlier step captures it" },
    };

    private static readonly Dictionary<string, Func<ScenarioBuilder, ScenarioBuilder>> Bad = new()
    {
        ["empty name"] = b => b.Step(" ", (_, _) => Task.CompletedTask),
        ["bad variable"] = b => b.Step("login", (_, _) => Task.CompletedTask, "2fa"),
        ["negative repeat"] = b => b.Repeat(-1, x => x.Get("/x")),
        ["bad loop variable"] = b => b.ForEach("my item", ["a"], x => x.Get("/x")),
        ["variable in a loop"] = b => b.Repeat(2, x => x.WithVariable("a", "1")),
        ["unknown placeholder after a step"] = b => b.Step("login", (_, _) => Task.CompletedTask, "token").Get("/x/{other}"),
    };

    [Theory]
    [MemberData(nameof(BadSteps))]
    public void A_bad_custom_step_or_loop_is_reported_by_Build(string step, string message)
    {
        var builder = Bad[step](Scenario.Create("bad"));

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Be(message);
    }
}
