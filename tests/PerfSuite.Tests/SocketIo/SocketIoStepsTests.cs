using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.SocketIo;

/// <summary>Checks and captures on Socket.IO acknowledgements and awaited events, against a fake connection.</summary>
public sealed class SocketIoStepsTests
{
    public static TheoryData<string, string?> AckCases => new()
    {
        { """[{"success":true,"room":"office_1"}]""", null },
        { """[{"success":false,"message":"room must be a non-empty string"}]""", "check:$.success == true" },
        { "[]", "check:$.success == true" },
        { """[{"success":true},"second"]""", "check:$.success == true" },
    };

    [Theory]
    [MemberData(nameof(AckCases))]
    public async Task An_ack_that_fails_its_check_is_a_failed_request_under_the_checks_name(string ack, string? error)
    {
        var flow = Scenario.Create("join")
            .SocketIoConnect("/api/v1/socket.io")
            .EmitWithAck("joinRoom", ["office_1"], m => m.CheckJson("$.success", true))
            .Emit("after")
            .Build();

        var (summary, connection) = await RunOnce(flow, ack);

        var endpoint = summary.Endpoints.Single(e => e.Name == "socket.io ack joinRoom");
        endpoint.Latency.Count.Should().Be(1);
        if (error is null)
        {
            summary.Errors.Should().BeEmpty();
            connection.Calls.Should().Contain("emit after ");
        }
        else
        {
            summary.Errors.Should().Equal(new Dictionary<string, long> { [error] = 1 });
            endpoint.FailedRequests.Should().Be(1);
            summary.ScenariosFailed.Should().Be(1);
            connection.Calls.Should().NotContain("emit after ");
        }
    }

    [Fact]
    public async Task Checks_and_captures_read_the_awaited_event_and_captures_fill_later_arguments()
    {
        var flow = Scenario.Create("join and leave")
            .SocketIoConnect("/api/v1/socket.io")
            .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["office_1"], m => m
                .Timeout(TimeSpan.FromSeconds(5))
                .CheckJsonExists("$.room")
                .CheckBody("mentions the office", body => body.Contains("office_1", StringComparison.Ordinal))
                .Capture("$.room", "room"))
            .EmitWithAck("leaveRoom", ["{room}"], m => m.Capture("$[1]", "second"))
            .Emit("bye", ["{second}"])
            .Build();

        var (summary, connection) = await RunOnce(flow, ack: """[{"success":true},"two"]""", joinRoomSuccess: """[{"success":true,"room":"office_1"}]""");

        summary.Errors.Should().BeEmpty();
        summary.ScenariosCompleted.Should().Be(1);
        connection.Calls.Should().Equal("wait joinRoomSuccess", "emit joinRoom office_1", "ack leaveRoom office_1", "emit bye two");
    }

    [Fact]
    public async Task Without_checks_any_ack_still_counts_as_success_as_before()
    {
        var flow = Scenario.Create("legacy").SocketIoConnect("/api/v1/socket.io").EmitWithAck("joinRoom", ["office_1"]).Build();

        var (summary, _) = await RunOnce(flow, ack: """[{"success":false}]""");

        summary.Errors.Should().BeEmpty();
        summary.FailedRequests.Should().Be(0);
    }

    [Fact]
    public async Task Connect_headers_reach_the_connector_and_every_emit_takes_its_arguments_as_one_array()
    {
        var flow = Scenario.Create("one form")
            .WithVariable("room", "office_1")
            .SocketIoConnect("/api/v1/socket.io", c => c.Header("X-Tenant", "a"))
            .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["{room}"])
            .EmitWithAck("leaveRoom", ["{room}"])
            .Emit("bye", ["{room}", 2])
            .Build();

        var (summary, connection) = await RunOnce(flow, ack: "[{}]", joinRoomSuccess: "[{}]");

        summary.Errors.Should().BeEmpty();
        connection.Options.Headers.Should().Equal(new Dictionary<string, string> { ["X-Tenant"] = "a" });
        connection.Calls.Should().Equal("wait joinRoomSuccess", "emit joinRoom office_1", "ack leaveRoom office_1", "emit bye office_1,2");
    }

    [Fact]
    public void A_bad_message_option_is_reported_by_Build()
    {
        var builder = Scenario.Create("bad").SocketIoConnect("/s").EmitWithAck("joinRoom", ["x"], m => m.Timeout(TimeSpan.Zero).CheckJsonExists("$["));

        var act = builder.Build;

        act.Should().Throw<InvalidOperationException>().Which.Message.Split(Environment.NewLine).Should().Equal(
            "scenario 'bad': step 'socket.io ack joinRoom': Timeout: must be > 0 (was 00:00:00)",
            "scenario 'bad': step 'socket.io ack joinRoom': JSON path '$[': expected an array index like [0] at position 1");
    }

    private static async Task<(RunSummary Summary, FakeSocketIoConnection Connection)> RunOnce(Scenario flow, string ack, string joinRoomSuccess = "[]")
    {
        var time = new FakeTimeProvider();
        FakeSocketIoConnection? connection = null;
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9"), [flow], new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]))
        {
            TimeProvider = time,
            TokenProvider = NoTokenProvider.Instance,
            SocketIoConnector = (o, _) => Task.FromResult<ISocketIoConnection>(connection = new FakeSocketIoConnection(o, ack, joinRoomSuccess)),
        };
        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
        return (summary, connection!);
    }
}
