using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Http;

/// <summary>
/// The engine's own HTTP/1.1 client (the default transport for <c>http://</c> targets) against a real loopback server
/// that sends exactly the bytes each test scripts: framing, keep-alive, redirects, drops, and the option to retry a
/// request the server dropped on a reused connection.
/// </summary>
public sealed class LeanHttpClientTests
{
    [Fact]
    public async Task A_chunked_JSON_body_is_read_for_captures_and_the_connection_is_kept()
    {
        await using var server = new ScriptedHttpServer(r => r.Number == 1
            ? new ScriptedReply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "5\r\n{\"id\"\r\n", "7;ext=1\r\n: 42, \"\r\n", "9\r\nx\": true}\r\n", "0\r\nX-Trailer: 1\r\n\r\n")
            : ScriptedHttpServer.Ok());
        var flow = Scenario.Create("chunked").Get("/first", r => r.Capture("$.id", "id")).Get("/items/{id}").Build();

        var summary = await RunOnceAsync(server, flow);

        summary.Errors.Should().BeEmpty();
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 2 });
        server.Requests.Select(r => r.RequestLine).Should().Equal("GET /first HTTP/1.1", "GET /items/42 HTTP/1.1");
        server.Connections.Should().Be(1, "a keep-alive response leaves the user's connection open for its next request");
    }

    [Fact]
    public async Task A_body_that_ends_at_close_and_a_Connection_close_answer_each_end_their_connection_without_an_error()
    {
        await using var server = new ScriptedHttpServer(r => r.Number switch
        {
            1 => new ScriptedReply("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\": 1}") { CloseAfter = TimeSpan.Zero },
            2 => ScriptedHttpServer.Ok(extraHeaders: "Connection: close\r\n") with { CloseAfter = TimeSpan.FromMilliseconds(50) },
            _ => ScriptedHttpServer.Ok(),
        });
        var flow = Scenario.Create("close").Get("/a", r => r.CheckJson("$.a", 1)).Get("/b").Get("/c").Build();

        var summary = await RunOnceAsync(server, flow);

        summary.Errors.Should().BeEmpty();
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 3 });
        server.Connections.Should().Be(3);
    }

    [Fact]
    public async Task A_same_origin_redirect_is_followed_and_one_to_another_host_is_not()
    {
        await using var server = new ScriptedHttpServer(r => r.RequestLine switch
        {
            "POST /old HTTP/1.1" => new ScriptedReply("HTTP/1.1 303 See Other\r\nLocation: /new?x=1\r\nContent-Length: 0\r\n\r\n"),
            // Another host, still on loopback (127.0.0.2, the discard port): were it followed, nothing would leave the machine.
            "GET /away HTTP/1.1" => new ScriptedReply("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:9/elsewhere\r\nContent-Length: 0\r\n\r\n"),
            _ => ScriptedHttpServer.Ok(),
        });
        var flow = Scenario.Create("redirects").Post("/old", r => r.Json(new { a = 1 }).Expect(200)).Get("/away", r => r.AnyStatus()).Build();

        var summary = await RunOnceAsync(server, flow);

        server.Requests.Select(r => r.RequestLine).Should().Equal("POST /old HTTP/1.1", "GET /new?x=1 HTTP/1.1", "GET /away HTTP/1.1");
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 1, ["302"] = 1 }, "the run sends load to its own target only");
        summary.Errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData(HttpTransport.Lean)]
    [InlineData(HttpTransport.HttpClient)]
    public async Task A_request_with_NoRedirects_gets_the_redirect_itself_and_the_next_request_still_follows_one(HttpTransport transport)
    {
        await using var server = new ScriptedHttpServer(r => r.RequestLine.StartsWith("GET /old", StringComparison.Ordinal)
            ? new ScriptedReply("HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n")
            : ScriptedHttpServer.Ok());
        var flow = Scenario.Create("no-redirects").Get("/old", r => r.NoRedirects().Expect(301)).Get("/old", r => r.Expect(200)).Build();

        var summary = await RunOnceAsync(server, flow, o => o with { HttpTransport = transport });

        server.Requests.Select(r => r.RequestLine).Should().Equal("GET /old HTTP/1.1", "GET /old HTTP/1.1", "GET /new HTTP/1.1");
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["301"] = 1, ["200"] = 1 });
        summary.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_request_on_the_wire_has_the_host_the_token_the_headers_and_a_JSON_body()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
        var flow = Scenario.Create("post").Post("/things", r => r.Json(new { name = "x" }).Header("X-Trace", "t1").Expect(201)).Build();

        var summary = await RunOnceAsync(server, flow, o => o with { TokenProvider = StaticTokenProvider.FromValue("tok-1") });

        summary.Errors.Should().BeEmpty();
        var request = server.Requests.Single();
        request.Head.Split("\r\n").Should().Equal(
            "POST /things HTTP/1.1",
            $"Host: {server.BaseUri.Authority}",
            "Authorization: Bearer tok-1",
            "X-Trace: t1",
            "Content-Type: application/json; charset=utf-8",
            "Content-Length: 12");
        request.Body.Should().Be("{\"name\":\"x\"}");
    }

    [Fact]
    public async Task A_connection_the_server_closed_while_the_user_was_thinking_is_replaced_without_an_error()
    {
        // The server's keep-alive timeout (100 ms) ends the idle connection during the user's 400 ms think time.
        await using var server = new ScriptedHttpServer(_ => ScriptedHttpServer.Ok() with { CloseAfter = TimeSpan.FromMilliseconds(100) });
        var flow = Scenario.Create("idle").Get("/a").Think(TimeSpan.FromMilliseconds(400)).Get("/b").Build();

        var summary = await RunOnceAsync(server, flow);

        summary.Errors.Should().BeEmpty("a browser discards an idle connection the server closed before sending on it");
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 2 });
        server.Connections.Should().Be(2);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task A_request_the_server_drops_on_a_reused_connection_is_an_error_unless_retries_are_on(bool retry, bool reset)
    {
        // Request 2 is the second on the first connection: the server drops it without a byte.
        await using var server = new ScriptedHttpServer(r => r.Number == 2 ? (reset ? ScriptedReply.Drop with { Reset = true } : ScriptedReply.Drop) : ScriptedHttpServer.Ok());
        var flow = Scenario.Create("drop").Get("/a").Get("/b").Get("/c").Build();

        var summary = await RunOnceAsync(server, flow, o => o with { RetryDroppedRequests = retry });

        if (retry)
        {
            summary.Errors.Should().BeEmpty();
            summary.RetriedRequests.Should().Be(1);
            summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 3 });
            server.Requests.Select(r => r.RequestLine).Should().Equal("GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /b HTTP/1.1", "GET /c HTTP/1.1");
        }
        else
        {
            summary.Errors.Should().Equal(new Dictionary<string, long> { [reset ? "connection-reset" : "connection-closed"] = 1 });
            summary.RetriedRequests.Should().Be(0);
            summary.Requests.Should().Be(server.Requests.Count, "every attempt the server saw is a request of the run, and no other");
            summary.ScenariosFailed.Should().Be(1);
        }
    }

    [Fact]
    public async Task A_request_dropped_on_a_new_connection_is_never_retried()
    {
        await using var server = new ScriptedHttpServer(_ => ScriptedReply.Drop);
        var flow = Scenario.Create("drop").Get("/a").Build();

        var summary = await RunOnceAsync(server, flow, o => o with { RetryDroppedRequests = true });

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["connection-closed"] = 1 });
        server.Requests.Should().HaveCount(1);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "response-truncated")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "bad-chunk")]
    [InlineData("SPDY/3 200 OK\r\n\r\n", "not-http")]
    public async Task A_response_cut_short_or_not_HTTP_is_an_error(string response, string kind)
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply(response) { CloseAfter = TimeSpan.FromMilliseconds(20) });
        var flow = Scenario.Create("bad").Get("/a").Build();

        var summary = await RunOnceAsync(server, flow);

        summary.Errors.Keys.Should().ContainSingle().Which.Should().StartWith(kind);
        summary.Codes.Should().BeEmpty();
    }

    [Fact]
    public async Task The_HttpClient_transport_sends_the_same_requests()
    {
        await using var server = new ScriptedHttpServer(_ => ScriptedHttpServer.Ok("{\"id\": 7}"));
        var flow = Scenario.Create("same").Get("/a", r => r.Capture("$.id", "id")).Delete("/a/{id}", r => r.Expect(200)).Build();

        var summary = await RunOnceAsync(server, flow, o => o with { HttpTransport = HttpTransport.HttpClient });

        summary.Errors.Should().BeEmpty();
        server.Requests.Select(r => r.RequestLine).Should().Equal("GET /a HTTP/1.1", "DELETE /a/7 HTTP/1.1");
    }

    private static async Task<RunSummary> RunOnceAsync(ScriptedHttpServer server, Scenario flow, Func<LoadRunOptions, LoadRunOptions>? configure = null)
    {
        var profile = new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]);
        var options = new LoadRunOptions(server.BaseUri, [flow], profile) { RequestTimeout = TimeSpan.FromSeconds(5), GracefulStop = TimeSpan.FromSeconds(10) };
        return await LoadRunner.RunAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
    }
}
