using System.Net;
using System.Net.Sockets;
using System.Text;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

/// <summary>The engine's own websocket upgrade on a plain socket (ws://), against a scripted one-connection server.</summary>
public sealed class WebSocketUpgradeTests
{
    [Fact]
    public void The_accept_value_is_the_one_rfc_6455_gives_for_its_sample_key() =>
        WebSocketUpgrade.ExpectedAccept("dGhlIHNhbXBsZSBub25jZQ==").Should().Be("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

    [Fact]
    public void The_response_head_gives_the_status_and_the_accept_header_whatever_its_case()
    {
        var (status, accept) = WebSocketUpgrade.ParseHead("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nsec-websocket-accept:  abc= \r\n\r\n");

        status.Should().Be(101);
        accept.Should().Be("abc=");
    }

    [Fact]
    public async Task A_frame_sent_in_the_same_segment_as_the_101_is_the_first_frame_received_not_lost_in_the_head()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var serving = ServeOnceAsync(server, request =>
        {
            var key = HeaderValue(request, "Sec-WebSocket-Key");
            var head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                       $"Sec-WebSocket-Accept: {WebSocketUpgrade.ExpectedAccept(key)}\r\n\r\n";
            var open = """0{"sid":"s1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}""";
            return [.. Encoding.ASCII.GetBytes(head), 0x81, (byte)open.Length, .. Encoding.ASCII.GetBytes(open)];
        });

        using var transport = await ConnectAsync(server);
        var frame = await transport.ReceiveAsync(TestContext.Current.CancellationToken);

        frame!.Value.Text.Should().StartWith("0{\"sid\":\"s1\"");
        (await serving).Should().Contain("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1").And.Contain("Cookie: oidc-jwt=t");
    }

    [Fact]
    public async Task An_upgrade_answered_404_is_a_SocketIoException_with_that_status()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        _ = ServeOnceAsync(server, _ => Encoding.ASCII.GetBytes("HTTP/1.1 404 NOT FOUND\r\nContent-Length: 0\r\n\r\n"));

        var connect = () => ConnectAsync(server);

        (await connect.Should().ThrowAsync<SocketIoException>()).Which.HandshakeStatus.Should().Be(404);
    }

    [Fact]
    public async Task A_wrong_accept_value_is_refused()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        _ = ServeOnceAsync(server, _ => Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: nope\r\n\r\n"));

        var connect = () => ConnectAsync(server);

        await connect.Should().ThrowAsync<SocketIoException>().WithMessage("*Sec-WebSocket-Accept*");
    }

    [Fact]
    public async Task A_server_that_closes_during_the_upgrade_is_a_connection_reset_as_an_http_step_would_record()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        _ = ServeOnceAsync(server, _ => Encoding.ASCII.GetBytes("HTTP/1.1 101 Swi"));

        var connect = () => ConnectAsync(server);

        var thrown = await connect.Should().ThrowAsync<SocketIoException>();
        ErrorKinds.Classify(thrown.Which).Should().Be(ErrorKind.ConnectionReset);
    }

    private static Task<WebSocketEngineIoTransport> ConnectAsync(TcpListener server) =>
        WebSocketEngineIoTransport.ConnectAsync(
            new Uri($"ws://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}/socket.io/?EIO=4&transport=websocket"),
            [new("Cookie", "oidc-jwt=t")],
            TestContext.Current.CancellationToken);

    /// <summary>Accepts one connection, reads the request head, writes <paramref name="answer"/> in one send, closes; returns the request.</summary>
    private static async Task<string> ServeOnceAsync(TcpListener server, Func<string, byte[]> answer)
    {
        using var client = await server.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(answer(request.ToString()), TestContext.Current.CancellationToken);
        await stream.FlushAsync(TestContext.Current.CancellationToken);

        // Hold the connection briefly so the client reads what was sent before it sees the close.
        await Task.Delay(200, TestContext.Current.CancellationToken);
        return request.ToString();
    }

    private static string HeaderValue(string request, string name) =>
        request.Split("\r\n").First(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))[(name.Length + 1)..].Trim();
}
