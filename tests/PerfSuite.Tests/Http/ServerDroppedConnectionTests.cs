using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Http;

/// <summary>
/// Against a real loopback server that drops some connections without answering: every attempt the server dropped is
/// an error of its own kind, with the engine's own client (no retries) and with HttpClient, whose SocketsHttpHandler
/// retries such a request silently on a new connection (counted from the connection's stream).
/// </summary>
public sealed class ServerDroppedConnectionTests
{
    [Theory]
    [InlineData(FaultKind.Close, "connection-closed", HttpTransport.Lean)]
    [InlineData(FaultKind.Reset, "connection-reset", HttpTransport.Lean)]
    [InlineData(FaultKind.Close, "connection-closed", HttpTransport.HttpClient)]
    [InlineData(FaultKind.Reset, "connection-reset", HttpTransport.HttpClient)]
    public async Task Every_request_the_server_dropped_without_an_answer_is_counted_as_an_error_of_its_kind(FaultKind fault, string kind, HttpTransport transport)
    {
        await using var server = new LoopbackHttpServer(n => n % 3 == 0 ? new FaultBehaviour(fault) : FaultBehaviour.Ok);
        var flow = Scenario.Create("reads").Get("/a").Get("/b").Get("/c").Get("/d").Get("/e").Get("/f").Build();
        var profile = new LoadProfile("p", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 5)]);
        var options = new LoadRunOptions(server.BaseUri, [flow], profile) { RequestTimeout = TimeSpan.FromSeconds(5), GracefulStop = TimeSpan.FromSeconds(10), HttpTransport = transport };

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);

        var dropped = fault == FaultKind.Close ? server.ClosedWithoutResponse : server.Reset;
        dropped.Should().BeGreaterThan(0);
        summary.Errors.GetValueOrDefault(kind).Should().Be(dropped, "each dropped attempt is one error, retried or not");
        summary.Requests.Should().Be(server.Requests, "every attempt the server saw is a request of the run");
        summary.Codes.GetValueOrDefault("200").Should().Be(server.Answered);
    }
}
