using PerfSuite.Artillery;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Artillery;

/// <summary>Features the corpus scripts use, read as Artillery 2.0.34 runs them.</summary>
public sealed class ArtilleryCorpusFeatureTests
{
    private const string Phases = "config:\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n";

    [Fact]
    public void A_variable_nothing_sets_is_undefined_as_in_Artillery_with_a_warning()
    {
        const string yaml = Phases + "scenarios:\n  - name: x\n    flow:\n      - get: { url: \"{{ url }}\" }\n      - get: { url: \"/a/{{ id }}\" }\n";
        var handWritten = Scenario.Create("x").WithVariable("url", "undefined").WithVariable("id", "undefined")
            .Step("GET {url}", (_, _) => Task.CompletedTask)
            .Get("/a/{id}", r => r.AnyStatus())
            .Build();

        var script = ArtilleryScriptLoader.Parse(yaml, "unset.yml");

        StepDescription.Of(script.Scenarios.Single()).Should().Equal(StepDescription.Of(handWritten));
        script.Warnings.Select(w => w.Message).Should().HaveCount(2).And.Contain(m => m.StartsWith("{{ url }} is used in scenario 'x' before anything sets it: Artillery fills in 'undefined'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_whole_url_of_a_variable_nothing_sets_fails_without_sending_as_Artillery_does()
    {
        var script = ArtilleryScriptLoader.Parse(Phases + "scenarios:\n  - flow: [ { get: { url: \"{{ url }}\" } } ]\n", "unset.yml");

        var step = script.Scenarios.Single().Steps.Single();

        step.GetType().Name.Should().Be("LambdaStep");
        step.EndpointName.Should().Be("GET {url}");
    }

    [Fact]
    public void An_acknowledgement_match_checks_the_value_at_its_path_in_the_first_argument()
    {
        const string yaml = Phases + """
            scenarios:
              - name: x
                engine: socketio
                flow:
                  - emit: { channel: userDetails, acknowledge: { match: { json: "$.0.name", value: Artillery } } }
            """;
        var handWritten = Scenario.Create("x").SocketIoConnect();
        handWritten.EmitWithAck("userDetails", [], m => m.CheckJson("$.name", "Artillery", "match $.0.name"));

        var imported = ArtilleryScriptLoader.Parse(yaml, "ack.yml").Scenarios.Single();

        StepDescription.Of(imported).Should().Equal(StepDescription.Of(handWritten.SocketIoDisconnect().Build()));
    }

    [Theory]
    [InlineData("function setHeader(requestParams, context, ee, next) {\n  requestParams.headers['X-Tenant'] = context.vars.tenant;\n  return next();\n}\nmodule.exports = { setHeader };\n", "X-Tenant", "{tenant}")]
    [InlineData("module.exports.setHeader = (req, ctx, events, done) => {\n  req.headers = req.headers || {};\n  req.headers.Authorization = 'Bearer ' + process.env.API_KEY;\n  done();\n};\n", "Authorization", "Bearer k-123")]
    [InlineData("exports.setHeader = function (r, c, e, n) {\n  r.headers['x-user'] = `user-${c.vars.tenant}`;\n  return n();\n};\n", "x-user", "user-{tenant}")]
    public void A_before_request_function_that_only_sets_a_header_is_translated_and_said_so(string processor, string header, string value)
    {
        var directory = Directory.CreateTempSubdirectory("perfsuite-hook-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "helpers.js"), processor);
            File.WriteAllText(Path.Combine(directory, "hook.yml"), "config:\n  processor: ./helpers.js\n  variables: { tenant: acme }\n  phases:\n    - { duration: 1, arrivalRate: 1 }\n"
                + "scenarios:\n  - name: x\n    flow:\n      - get: { url: /a, beforeRequest: setHeader }\n");
            var handWritten = Scenario.Create("x").WithVariable("tenant", "acme")
                .Get("/a", r => (value.Contains('{', StringComparison.Ordinal) ? r.HeaderTemplate(header, value) : r.Header(header, value)).AnyStatus())
                .Build();

            var script = ArtilleryScriptLoader.Load(Path.Combine(directory, "hook.yml"), new ArtilleryLoadOptions { Environment = n => n == "API_KEY" ? "k-123" : null, Log = _ => { } });

            StepDescription.Of(script.Scenarios.Single()).Should().Equal(StepDescription.Of(handWritten));
            script.Warnings.Should().ContainSingle().Which.Message.Should().Contain("beforeRequest 'setHeader' (defined at ").And.Contain("only sets headers: translated to");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_before_request_function_that_does_more_is_still_named_as_JavaScript()
    {
        var directory = Directory.CreateTempSubdirectory("perfsuite-hook-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "helpers.js"), "function setHeader(req, ctx, ee, next) {\n  req.headers.x = Date.now();\n  return next();\n}\n");
            File.WriteAllText(Path.Combine(directory, "hook.yml"), "config:\n  processor: ./helpers.js\n  phases:\n    - { duration: 1, arrivalRate: 1 }\nscenarios:\n  - flow:\n      - get: { url: /a, beforeRequest: setHeader }\n");

            var load = () => ArtilleryScriptLoader.Load(Path.Combine(directory, "hook.yml"), new ArtilleryLoadOptions { Log = _ => { } });

            load.Should().Throw<ArtilleryScriptException>().Which.Problems.Should().ContainSingle()
                .Which.Message.Should().Contain("helpers.js:1:10) is JavaScript, which PerfSuite does not run");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_log_of_a_variable_an_optional_capture_did_not_find_prints_undefined_as_Artillery_does()
    {
        // The users' csr-http.yaml: strict: false beside capture:, then a log line that names the captured id.
        const string yaml = Phases + """
            scenarios:
              - name: x
                flow:
                  - post: { url: /draft, capture: { json: "$.id", as: draft_id }, strict: false }
                  - log: "draft {{ draft_id }}"
                  - get: { url: /after }
            """;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var script = ArtilleryScriptLoader.Parse(yaml, "log.yml", new ArtilleryLoadOptions { Log = lines.Enqueue });
        var spy = new PerfSuite.Tests.Http.SpyHttpHandler(_ => (System.Net.HttpStatusCode.BadRequest, "{}"));

        var summary = await PerfSuite.Tests.Support.VirtualTimeRun.RunAsync(script.Scenarios.Single(), spy);

        lines.Should().Equal("draft undefined");
        summary.Requests.Should().Be(2);
    }
    [Fact]
    public async Task A_ws_send_in_a_scenario_without_engine_ws_fails_before_sending_as_Artillery_runs_it()
    {
        // DynamiteC's loadtest.yml: no engine: ws, so Artillery 2.0.34 sends 'send' as an HTTP request without url and fails
        // each user with 'an URL must be specified' (measured: errors 2, vusers.failed 2, no request); the think never runs.
        const string yaml = Phases + "scenarios:\n  - flow:\n      - send:\n          text: 'Hello, World!'\n      - think: 1\n";
        var script = ArtilleryScriptLoader.Parse(yaml, "ws.yml");
        var spy = new PerfSuite.Tests.Http.SpyHttpHandler(_ => (System.Net.HttpStatusCode.OK, "{}"));

        var summary = await PerfSuite.Tests.Support.VirtualTimeRun.RunAsync(script.Scenarios.Single(), spy);

        spy.Requests.Should().BeEmpty();
        summary.ScenariosFailed.Should().Be(1);
        summary.Endpoints.Select(e => e.Name).Should().Equal("SEND (no url)");
        script.Warnings.Should().ContainSingle().Which.ToString().Should().Be(
            "ws.yml:6:9: 'send' has no url: Artillery's HTTP engine sends it as a SEND request and fails it with 'an URL must be specified' before sending (the scenario has no engine: ws), so does PerfSuite");
    }

    [Fact]
    public void A_send_with_a_url_is_still_refused_naming_the_feature()
    {
        var load = () => ArtilleryScriptLoader.Parse(Phases + "scenarios:\n  - flow: [ { send: { url: /x } } ]\n", "ws.yml");

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Should().ContainSingle().Which.Message.Should().Contain("'send' is not supported");
    }
    [Fact]
    public void A_loadAll_payload_looped_over_gives_each_row_to_loopElement_and_its_status_to_expect()
    {
        // table-driven-functional-tests/functional-test.yml: the whole CSV as 'data' (no order: Artillery's everything
        // reader), loop over it, {{ $loopElement.url }}, statusCode from {{ $loopElement.code }}, followRedirect: false.
        var directory = Directory.CreateTempSubdirectory("perfsuite-loadall-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "rows.csv"), "/,200\n/docs,200\n/dinosaur,404\n");
            File.WriteAllText(Path.Combine(directory, "t.yml"), Phases + """
                  payload:
                    - { path: ./rows.csv, fields: [url, code], loadAll: true, name: data }
                scenarios:
                  - name: x
                    flow:
                      - loop:
                          - get: { url: "{{ $loopElement.url }}", followRedirect: false, expect: { statusCode: "{{ $loopElement.code }}" } }
                        over: data
                      - log: "{{ data.2.url }} {{ data }} {{ data.nope }}"
                """);
            var handWritten = Scenario.Create("x")
                .Get("/", r => r.NoRedirects().Expect(200))
                .Get("/docs", r => r.NoRedirects().Expect(200))
                .Get("/dinosaur", r => r.NoRedirects().Expect(404))
                .Do(_ => { })
                .Build();

            var script = ArtilleryScriptLoader.Load(Path.Combine(directory, "t.yml"), new ArtilleryLoadOptions { Log = _ => { } });

            StepDescription.Of(script.Scenarios.Single()).Should().Equal(StepDescription.Of(handWritten));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_loadAll_payload_with_an_order_is_one_row_of_cells_per_user_and_a_field_name_of_it_is_undefined()
    {
        // MartynaP93's loadtest.yml: order: sequence wins over loadAll in Artillery's createReader, so keywordsData is one
        // row (a list of cells) per user, and {{ keywordsData.keyword1 }} is undefined; {{ keywordsData.1 }} is a cell.
        var directory = Directory.CreateTempSubdirectory("perfsuite-loadall-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "k.csv"), "keyword1,keyword2\nOrange,McLaren\n");
            File.WriteAllText(Path.Combine(directory, "k.yml"), "config:\n  phases:\n    - { duration: 1, arrivalCount: 2 }\n" + """
                  payload: { path: k.csv, fields: [keyword1, keyword2], order: sequence, loadAll: true, name: keywordsData }
                scenarios:
                  - flow:
                      - get: { url: "/h?a={{ keywordsData.keyword1 }}&b={{ keywordsData.1 }}" }
                      - post: { url: "/f", json: { all: "{{ keywordsData }}" } }
                """);
            var script = ArtilleryScriptLoader.Load(Path.Combine(directory, "k.yml"), new ArtilleryLoadOptions { Log = _ => { } });
            var spy = new PerfSuite.Tests.Http.SpyHttpHandler(_ => (System.Net.HttpStatusCode.OK, "{}"));

            var summary = await PerfSuite.Tests.Support.VirtualTimeRun.RunAsync(script.Scenarios.Single(), spy, arrivals: 2);

            summary.ScenariosCompleted.Should().Be(2);
            // Without skipHeader the header line is a row too, as in Artillery.
            spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/h?a=undefined&b=keyword2", "/f", "/h?a=undefined&b=McLaren", "/f");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
    [Fact]
    public async Task Expect_equals_compares_after_the_captures_and_a_statusCode_from_a_variable_is_read_at_run_time()
    {
        // pets-test.yaml: equals: ["{{ name }}", "Luna"] on the response that captures name, and statusCode: "{{ statusCode }}".
        const string yaml = Phases + """
              variables: { statusCode: "404" }
            scenarios:
              - name: x
                flow:
                  - get: { url: /pets/1, capture: [ { json: "$.name", as: name } ], expect: { statusCode: 200, equals: [ "{{ name }}", "Luna" ] } }
                  - get: { url: /missing, expect: { statusCode: "{{ statusCode }}" } }
                  - get: { url: /pets/2, capture: [ { json: "$.name", as: other } ], expect: { equals: [ "{{ other }}", "Luna" ] } }
                  - get: { url: /never }
            """;
        var script = ArtilleryScriptLoader.Parse(yaml, "pets.yml");
        var spy = new PerfSuite.Tests.Http.SpyHttpHandler(r => r.RequestUri!.AbsolutePath switch
        {
            "/pets/1" => (System.Net.HttpStatusCode.OK, "{\"name\":\"Luna\"}"),
            "/pets/2" => (System.Net.HttpStatusCode.OK, "{\"name\":\"Tiki\"}"),
            _ => (System.Net.HttpStatusCode.NotFound, "{}"),
        });

        var summary = await PerfSuite.Tests.Support.VirtualTimeRun.RunAsync(script.Scenarios.Single(), spy);

        spy.Requests.Select(r => r.PathAndQuery).Should().Equal("/pets/1", "/missing", "/pets/2");
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["check:equals {other}, Luna"] = 1 });
        summary.ScenariosFailed.Should().Be(1);
    }
    [Fact]
    public async Task A_loop_without_count_repeats_until_the_run_stops_as_Artillery_loops_forever()
    {
        // 2000prcs's artillery-local.yml: the count: 2 sit on the requests, so the loop has none (Artillery: count || -1).
        const string yaml = Phases + "scenarios:\n  - name: x\n    flow:\n      - loop:\n          - get: { url: / }\n            count: 2\n          - think: 1\n";
        var handWritten = Scenario.Create("x").RepeatUntilStopped(b => b.Get("/", r => r.AnyStatus()).Think(TimeSpan.FromSeconds(1))).Build();
        var script = ArtilleryScriptLoader.Parse(yaml, "forever.yml");
        var spy = new PerfSuite.Tests.Http.SpyHttpHandler(_ => (System.Net.HttpStatusCode.OK, "{}"));
        var described = StepDescription.Of(script.Scenarios.Single());

        var summary = await PerfSuite.Tests.Support.VirtualTimeRun.RunAsync(script.Scenarios.Single(), spy);

        described.Should().Equal(StepDescription.Of(handWritten));
        script.Warnings.Select(w => w.Message).Should().Contain(m => m.StartsWith("a loop without count repeats until the run stops", StringComparison.Ordinal));
        // One user, one request a second until the graceful stop (30 s after the one-second phase) ends it.
        summary.Requests.Should().BeInRange(25, 35);
        summary.ScenariosCompleted.Should().Be(0);
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public void LoopCount_in_a_loop_without_count_is_refused_naming_the_feature()
    {
        var load = () => ArtilleryScriptLoader.Parse(Phases + "scenarios:\n  - flow:\n      - loop:\n          - get: { url: \"/{{ $loopCount }}\" }\n", "forever.yml");

        load.Should().Throw<ArtilleryScriptException>().Which.Problems.Should().ContainSingle().Which.Message.Should().Contain("$loopCount in a loop without count is not supported");
    }
    [Fact]
    public async Task A_header_capture_and_a_before_flow_of_log_steps_run_as_in_Artillery()
    {
        // pepbox's voting-test.yml: before: { flow: [ log ] }, capture: - header: "set-cookie" as: adminCookie.
        const string yaml = Phases + """
              variables: { who: admin }
            before:
              flow:
                - log: "Starting {{ who }} {{ nobody }}"
            scenarios:
              - name: x
                flow:
                  - post: { url: /login, capture: [ { header: "set-cookie", as: cookie }, { header: "x-none", as: none, strict: false } ] }
                  - get: { url: "/me", headers: { Cookie: "{{ cookie }}", X-None: "[{{ none }}]" } }
                  - get: { url: "/again", capture: { header: "x-none", as: missing } }
                  - get: { url: "/never/{{ missing }}" }
            """;
        var lines = new List<string>();
        var script = ArtilleryScriptLoader.Parse(yaml, "pepbox.yml", new ArtilleryLoadOptions { Log = lines.Add });
        var spy = new SetCookieSpy();

        var summary = await PerfSuite.Tests.Support.VirtualTimeRun.RunAsync(script.Scenarios.Single(), spy);

        lines.Should().Equal("Starting admin undefined");
        spy.Sent.Should().Equal("/login", "/me Cookie=[\"sid=1; Path=/\"] X-None=[]", "/again");
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["capture-failed"] = 1 }, "a header that is not there is a failed capture, as Artillery's '' is");
        summary.ScenariosFailed.Should().Be(1);
    }

    // Answers every request with a Set-Cookie header, as a login does, and records the headers the flow sends back.
    private sealed class SetCookieSpy : HttpMessageHandler
    {
        private static readonly string[] Watched = ["Cookie", "X-None"];

        public System.Collections.Concurrent.ConcurrentQueue<string> Sent { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = Watched.Where(request.Headers.Contains)
                .Select(h => $" {h}={string.Join(",", request.Headers.GetValues(h))}");
            Sent.Enqueue(request.RequestUri!.AbsolutePath + string.Concat(headers));
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{}") };
            response.Headers.Add("Set-Cookie", "sid=1; Path=/");
            return Task.FromResult(response);
        }
    }
}
