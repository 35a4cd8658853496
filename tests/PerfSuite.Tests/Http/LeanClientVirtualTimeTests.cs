using System.Net;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Load;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Http;

/// <summary>
/// The default HTTP path (the lean HTTP/1.1 client, no handler factory) in virtual time, over <see cref="InMemoryHttpServer"/>:
/// requests go out at exactly the planned virtual instants, one keep-alive connection per user, captures and checks as on a socket.
/// </summary>
public sealed class LeanClientVirtualTimeTests
{
    [Fact]
    public async Task The_lean_client_sends_each_request_at_its_virtual_instant_on_one_kept_alive_connection_per_user()
    {
        var time = new FakeTimeProvider();
        var sentAt = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var server = new InMemoryHttpServer(request =>
        {
            sentAt.Enqueue($"{request.Method} {request.PathAndQuery} @{time.Elapsed.TotalMilliseconds:0}");
            return request.Method == "POST" ? (HttpStatusCode.Created, """{"id": 42}""") : (HttpStatusCode.OK, "{}");
        });
        var flow = Scenario.Create("lean")
            .Post("/tickets", r => r.Json(new { office = "north" }).Expect(201).Capture("$.id", "ticket"))
            .Think(TimeSpan.FromSeconds(2))
            .Get("/tickets/{ticket}", r => r.Expect(200))
            .Build();
        var options = VirtualTimeRun.Options([flow], server, time, arrivals: 2);

        var summary = await VirtualTimeRun.RunAsync(options);

        sentAt.Should().Equal("POST /tickets @0", "POST /tickets @500", "GET /tickets/42 @2000", "GET /tickets/42 @2500");
        server.Requests.Where(r => r.Method == "POST").Select(r => r.Body).Should().AllBe("""{"office":"north"}""");
        server.Connections.Should().Be(2, "each user keeps its one connection alive between its requests");
        summary.Codes.Should().BeEquivalentTo(new Dictionary<string, long> { ["200"] = 2, ["201"] = 2 });
        summary.ScenariosCompleted.Should().Be(2);
    }

    [Fact]
    public async Task An_unexpected_status_on_the_lean_path_fails_the_flow_in_virtual_time()
    {
        var server = new InMemoryHttpServer(_ => (HttpStatusCode.NotFound, null));
        var flow = Scenario.Create("missing").Get("/nothing", r => r.Expect(200)).Get("/never").Build();

        var summary = await VirtualTimeRun.RunAsync(VirtualTimeRun.Options([flow], server, new FakeTimeProvider()));

        server.Requests.Select(r => r.PathAndQuery).Should().Equal("/nothing");
        summary.Errors.Should().ContainKey("unexpected-status");
        summary.ScenariosFailed.Should().Be(1);
    }
}
