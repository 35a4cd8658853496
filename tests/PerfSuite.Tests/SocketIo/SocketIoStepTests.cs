using System.Collections.Concurrent;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.SocketIo;

/// <summary>Socket.IO steps against a fake connection: names, codes, message counts, auth cookie and timeouts.</summary>
public sealed class SocketIoStepTests
{
    private readonly ConcurrentQueue<FakeSocketIoConnection> _connections = new();

    [Fact]
    public async Task Websocket_flow_records_connect_ack_and_event_as_code_0_requests_and_counts_messages()
    {
        var flow = Scenario.Create("CSR – Websockets")
            .WithVariable("office", "office_1")
            .SocketIoConnect("/api/v1/socket.io")
            .EmitWithAck("joinRoom", ["{office}"])
            .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["office_1"], m => m.Timeout(TimeSpan.FromSeconds(5)))
            .SocketIoDisconnect()
            .Build();

        var summary = await RunOnce(flow, StaticTokenProvider.FromValue("jwt-1"));

        summary.Endpoints.Select(e => (e.Name, e.Kind, e.Requests)).Should().Equal(
            ("socket.io connect /api/v1/socket.io", "socket.io", 1L),
            ("socket.io ack joinRoom", "socket.io", 1L),
            ("socket.io event joinRoomSuccess", "socket.io", 1L));
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["0"] = 3 });
        summary.MessagesSent.Should().Be(2);
        summary.MessagesReceived.Should().Be(2);
        summary.ScenariosCompleted.Should().Be(1);
        var connection = _connections.Single();
        connection.Options.Cookies.Should().Equal(new Dictionary<string, string> { ["oidc-jwt"] = "jwt-1" });
        connection.Options.Path.Should().Be("/api/v1/socket.io");
        connection.Calls.Should().Equal("ack joinRoom office_1", "wait joinRoomSuccess", "emit joinRoom office_1", "disconnect");
    }

    [Fact]
    public async Task A_json_template_argument_is_sent_as_the_json_value_with_the_users_variables_filled_in()
    {
        var flow = Scenario.Create("x")
            .WithVariable("room", "r\"1")
            .SocketIoConnect()
            .Emit("message", [new SocketIoJsonTemplate("""{"room":"{room}","text":"hello {room}","n":1}""")])
            .SocketIoDisconnect()
            .Build();

        var summary = await RunOnce(flow, NoTokenProvider.Instance);

        summary.ScenariosCompleted.Should().Be(1);
        var sent = _connections.Single().Calls.First()["emit message ".Length..];
        using var json = System.Text.Json.JsonDocument.Parse(sent);
        (json.RootElement.GetProperty("room").GetString(), json.RootElement.GetProperty("text").GetString(), json.RootElement.GetProperty("n").GetInt32())
            .Should().Be(("r\"1", "hello r\"1", 1));
    }

    [Fact]
    public async Task An_event_that_never_comes_is_a_timeout_and_fails_the_scenario()
    {
        var flow = Scenario.Create("silent")
            .SocketIoConnect("/api/v1/socket.io")
            .EmitAndWaitFor("leaveRoom", "neverSent", null, m => m.Timeout(TimeSpan.FromSeconds(5)))
            .Build();

        var summary = await RunOnce(flow, NoTokenProvider.Instance);

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["timeout"] = 1 });
        summary.Requests.Should().Be(2);
        summary.FailedRequests.Should().Be(1);
        summary.ScenariosFailed.Should().Be(1);
        _connections.Single().Disposed.Should().BeTrue();
    }

    [Fact]
    public async Task A_refused_connection_is_a_socket_disconnect_error()
    {
        var flow = Scenario.Create("refused").SocketIoConnect("/api/v1/socket.io").EmitWithAck("joinRoom", ["x"]).Build();
        var time = new FakeTimeProvider();
        var options = Options(flow, NoTokenProvider.Instance, time) with
        {
            SocketIoConnector = (_, _) => Task.FromException<ISocketIoConnection>(new SocketIoException("unauthorized") { ConnectionRefused = true }),
        };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["socket-disconnect"] = 1 });
        summary.Requests.Should().Be(1);
        summary.ScenariosFailed.Should().Be(1);
    }

    private async Task<RunSummary> RunOnce(Scenario flow, ITokenProvider tokens)
    {
        var time = new FakeTimeProvider();
        return await time.RunAsync(LoadRunner.RunAsync(Options(flow, tokens, time), CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
    }

    private LoadRunOptions Options(Scenario flow, ITokenProvider tokens, TimeProvider time) =>
        new(new Uri("http://127.0.0.1:9"), [flow], new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]))
        {
            TimeProvider = time,
            TokenProvider = tokens,
            SocketIoConnector = (options, _) =>
            {
                var connection = new FakeSocketIoConnection(options);
                _connections.Enqueue(connection);
                return Task.FromResult<ISocketIoConnection>(connection);
            },
        };
}
