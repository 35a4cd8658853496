using PerfSuite.Cli;
using PerfSuite.Lab;
using PerfSuite.Tests.Faults;

namespace PerfSuite.Tests.Lab;

/// <summary>
/// <c>perfsuite-lab socketio-hold</c> against a real Socket.IO server (python-socketio) that accepts every connection and
/// event but never acknowledges one: a named outcome with its exit code, never an unhandled exception.
/// </summary>
[Trait("Category", "Faults")]
public sealed class SocketIoHoldSilentServerTests
{
    [Fact]
    public async Task A_server_that_never_acknowledges_the_warm_up_echo_is_named_and_exits_3_without_a_stack_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PythonFaultServer.StartAsync(ct, "Lab/socketio_no_ack_server.py", "/api/v1/socket.io");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LabCommandLine.RunAsync(
            ["socketio-hold", "--url", server.BaseUri.ToString(), "--connections", "2", "--hold-seconds", "0", "--warmup", "1", "--timeout", "2"], output, error);

        exit.Should().Be(ExitCodes.TargetUnavailable, error.ToString());
        error.ToString().Should().Contain("socketio-hold: the target did not answer").And.Contain("echo").And.NotContain("   at ");
    }
}
