using System.Net;
using System.Net.Sockets;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Tests.SocketIo;

public sealed class SocketIoClientTests
{
    public static TheoryData<string, string, string> Addresses => new()
    {
        { "http://127.0.0.1:5000", "/api/v1/socket.io", "ws://127.0.0.1:5000/api/v1/socket.io/?EIO=4&transport=websocket" },
        { "http://127.0.0.1:5000/", "/socket.io", "ws://127.0.0.1:5000/socket.io/?EIO=4&transport=websocket" },
        { "https://queue.example:8443/base/", "socket.io/", "wss://queue.example:8443/base/socket.io/?EIO=4&transport=websocket" },
        { "ws://localhost:81", "/socket.io", "ws://localhost:81/socket.io/?EIO=4&transport=websocket" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void WebSocketUri_goes_straight_to_the_websocket_transport_under_the_path(string baseUri, string path, string expected)
    {
        var uri = SocketIoClient.WebSocketUri(new SocketIoConnectOptions(new Uri(baseUri), path));

        uri.AbsoluteUri.Should().Be(expected);
    }

    [Fact]
    public async Task ConnectAsync_to_a_port_nobody_listens_on_throws_a_SocketIoException()
    {
        var options = new SocketIoConnectOptions(new Uri($"http://127.0.0.1:{FreePort.Next()}"));

        var connect = () => SocketIoClient.ConnectAsync(options, TestContext.Current.CancellationToken);

        await connect.Should().ThrowAsync<SocketIoException>().WithMessage("*Could not open the Socket.IO websocket*");
    }

    [Fact]
    public async Task ConnectAsync_canceled_while_the_server_does_not_answer_the_upgrade_throws_OperationCanceledException()
    {
        using var silentServer = new TcpListener(IPAddress.Loopback, 0);
        silentServer.Start();
        var options = new SocketIoConnectOptions(new Uri($"http://127.0.0.1:{((IPEndPoint)silentServer.LocalEndpoint).Port}"));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        var connect = () => SocketIoClient.ConnectAsync(options, cancel.Token);

        await connect.Should().ThrowAsync<OperationCanceledException>();
    }
}
