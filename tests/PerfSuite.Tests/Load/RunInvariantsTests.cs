using System.Net;
using System.Net.Sockets;
using System.Text;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

/// <summary>Whatever goes wrong, the counts of a finished run add up exactly.</summary>
public sealed class RunInvariantsTests
{
    [Fact]
    public async Task Mixed_refusals_server_errors_timeouts_and_failed_captures_still_add_up_exactly()
    {
        var time = new FakeTimeProvider();
        var handler = new StubFlakyHandler();
        var flow = Scenario.Create("flaky")
            .Post("/items", r => r.Json(new { name = "x" }).Capture("item.id", "id"))
            .Get("/items/{id}")
            .Get("/done")
            .Build();
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9"), [flow], new LoadProfile("p", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 50)]))
        {
            TimeProvider = time,
            HttpHandlerFactory = () => handler,
        };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        var transportErrors = summary.Errors.Where(e => e.Key is not ("capture-failed" or "unexpected-status")).Sum(e => e.Value);
        summary.ScenariosLaunched.Should().Be(100);
        summary.ScenariosLaunched.Should().Be(summary.ScenariosCompleted + summary.ScenariosFailed);
        summary.Requests.Should().Be(summary.Codes.Values.Sum() + transportErrors);
        summary.Requests.Should().Be(handler.Calls);
        summary.Errors.Keys.Should().BeEquivalentTo("connection-refused", "timeout", "capture-failed");
        summary.Codes.Keys.Should().BeEquivalentTo("200", "201", "503");
        summary.FailedRequests.Should().Be(transportErrors + summary.Codes["503"]);
        summary.ErrorRate.Should().Be((double)summary.FailedRequests / summary.Requests);
        summary.Scenarios.Single().Requests.Should().Be(summary.Requests);
        summary.Series.Sum(p => p.Requests).Should().Be(summary.Requests);
        summary.Series.Sum(p => p.Errors).Should().Be(summary.FailedRequests);
    }

    /// <summary>Cycles through five behaviours, one per request: refused, 503, timed out, 200 without the id, 201 with it.</summary>
    private sealed class StubFlakyHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            return (call % 5) switch
            {
                0 => Task.FromException<HttpResponseMessage>(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))),
                1 => Task.FromResult(Respond(HttpStatusCode.ServiceUnavailable, "{}")),
                2 => Task.FromException<HttpResponseMessage>(new TaskCanceledException("simulated timeout")),
                3 => Task.FromResult(Respond(HttpStatusCode.OK, """{"item":{}}""")),
                _ => Task.FromResult(Respond(HttpStatusCode.Created, """{"item":{"id":7}}""")),
            };
        }

        private static HttpResponseMessage Respond(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
