using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Targets;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.SocketIo;

/// <summary>The engine's Socket.IO steps through the default (lean) client against the real reference API.</summary>
[Trait("Category", "Load")]
public sealed class SocketIoStepsAgainstQueueApiTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    private static readonly Scenario JoinRoomFlow = Scenario.Create("CSR – Websockets")
        .SocketIoConnect("/api/v1/socket.io")
        .EmitWithAck("joinRoom", ["office_1"])
        .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["office_1"], m => m.Timeout(TimeSpan.FromSeconds(5)))
        .SocketIoDisconnect()
        .Build();

    [Fact]
    public async Task Connect_ack_and_awaited_event_are_recorded_as_code_0_operations_without_errors()
    {
        var token = await QueueApiClient.GetTokenAsync(fixture.Api, fixture.Api.Credentials, TestContext.Current.CancellationToken);

        var summary = await RunOnceAsync(StaticTokenProvider.FromValue(token));

        summary.Errors.Should().BeEmpty();
        summary.ScenariosCompleted.Should().Be(1);
        summary.Endpoints.Select(e => e.Name).Should().Equal(
            "socket.io connect /api/v1/socket.io", "socket.io ack joinRoom", "socket.io event joinRoomSuccess");
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["0"] = 3 });
        summary.Endpoints.Should().OnlyContain(e => e.Latency.Count == 1 && e.Latency.MinMs > 0);
        summary.MessagesSent.Should().BeGreaterThanOrEqualTo(2);
        summary.MessagesReceived.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Connect_without_a_token_is_a_failed_operation_and_skips_the_rest_of_the_flow()
    {
        var summary = await RunOnceAsync(NoTokenProvider.Instance);

        summary.ScenariosFailed.Should().Be(1);
        summary.FailedRequests.Should().Be(1);
        summary.Errors.Should().ContainKey("socket-disconnect");
        summary.Endpoints.Where(e => e.Requests > 0).Select(e => e.Name).Should().Equal("socket.io connect /api/v1/socket.io");
    }

    [Fact]
    public async Task A_wrong_socket_io_path_is_recorded_as_the_404_an_http_step_would_record()
    {
        var flow = Scenario.Create("Wrong path").SocketIoConnect("/api/v1/no-such-socket.io").SocketIoDisconnect().Build();

        var summary = await RunOnceAsync(flow, fixture.Api.BaseUri);

        summary.FailedRequests.Should().Be(1);
        summary.Codes.Should().ContainKey("404");
        summary.Errors.Should().ContainKey("unexpected-status").And.NotContainKey("socket-disconnect");
    }

    [Fact]
    public async Task A_refused_socket_io_connection_is_connection_refused_as_for_an_http_step()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var flow = Scenario.Create("Refused").SocketIoConnect("/api/v1/socket.io").SocketIoDisconnect().Build();

        var summary = await RunOnceAsync(flow, new Uri($"http://127.0.0.1:{closedPort}"));

        summary.FailedRequests.Should().Be(1);
        summary.Errors.Should().ContainKey("connection-refused").And.NotContainKey("socket-disconnect");
    }

    private static async Task<RunSummary> RunOnceAsync(Scenario flow, Uri baseUri)
    {
        var options = new LoadRunOptions(baseUri, [flow], new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]))
        {
            TokenProvider = NoTokenProvider.Instance,
            GracefulStop = TimeSpan.FromSeconds(10),
        };
        return await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);
    }

    private async Task<RunSummary> RunOnceAsync(ITokenProvider tokens)
    {
        var options = new LoadRunOptions(fixture.Api.BaseUri, [JoinRoomFlow], new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]))
        {
            TokenProvider = tokens,
            GracefulStop = TimeSpan.FromSeconds(10),
        };
        return await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);
    }
}
