using System.Net.NetworkInformation;
using System.Text.Json;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.SocketIo;

/// <summary>
/// The lean client against the real reference API (Flask-SocketIO under gunicorn + eventlet), started by the launcher.
/// Server pings every 25 s here; pongs to the real server are covered by <see cref="SocketIoHeartbeatAgainstQueueApiTests"/>.
/// </summary>
[Trait("Category", "Smoke")]
public sealed class SocketIoClientAgainstQueueApiTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>, IDisposable
{
    private const string SocketIoPath = "/api/v1/socket.io";

    // Every wait is bounded so a lost ack or event fails the test instead of hanging the run.
    private readonly CancellationTokenSource _bound = BoundedTestToken();

    private CancellationToken Ct => _bound.Token;

    public void Dispose() => _bound.Dispose();

    [Fact]
    public async Task Connect_with_the_cookie_then_joinRoom_gets_the_ack_and_the_joinRoomSuccess_event()
    {
        await using var connection = await ConnectAsync(await CookieOptionsAsync());
        var joined = connection.WaitForEventAsync("joinRoomSuccess", Ct);

        var ack = await connection.EmitWithAckAsync("joinRoom", ["office-1"], Ct);

        connection.IsConnected.Should().BeTrue();
        connection.SessionId.Should().NotBeNullOrEmpty();
        ack.Arguments.GetRawText().Should().Be("[{\"success\":true,\"room\":\"office-1\"}]");
        (await joined).Arguments[0].GetProperty("room").GetString().Should().Be("office-1");
    }

    [Fact]
    public async Task Connect_with_the_token_in_the_auth_payload_is_accepted()
    {
        var options = new SocketIoConnectOptions(fixture.Api.BaseUri, SocketIoPath) { Auth = new { token = await TokenAsync() } };

        await using var connection = await ConnectAsync(options);

        connection.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task Connect_without_a_token_is_refused_with_the_server_message()
    {
        var options = new SocketIoConnectOptions(fixture.Api.BaseUri, SocketIoPath);

        var connect = () => ConnectAsync(options);

        (await connect.Should().ThrowAsync<SocketIoException>().WithMessage("*unauthorized*"))
            .Which.ConnectionRefused.Should().BeTrue();
    }

    [Fact]
    public async Task Echo_returns_text_and_binary_arguments_in_the_ack_and_in_the_echoed_event()
    {
        await using var connection = await ConnectAsync(await CookieOptionsAsync());
        byte[] payload = [0, 1, 2, 254, 255];
        var echoed = connection.WaitForEventAsync("echoed", Ct);

        var ack = await connection.EmitWithAckAsync("echo", ["hello", new { n = 7 }, payload], Ct);

        var evt = await echoed;
        foreach (var message in new[] { ack, evt })
        {
            message.Arguments[0].GetString().Should().Be("hello");
            message.Arguments[1].GetProperty("n").GetInt32().Should().Be(7);
            message.Arguments[2].GetProperty("_placeholder").GetBoolean().Should().BeTrue();
            message.Attachments.Should().ContainSingle().Which.Should().Equal(payload);
        }
    }

    [Fact]
    public async Task Fifty_concurrent_emits_with_ack_on_one_connection_are_each_answered_with_their_own_arguments()
    {
        await using var connection = await ConnectAsync(await CookieOptionsAsync());

        var acks = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => connection.EmitWithAckAsync("echo", [i, $"n{i}"], Ct)));

        acks.Select(ack => (ack.Arguments[0].GetInt32(), ack.Arguments[1].GetString()))
            .Should().Equal(Enumerable.Range(0, 50).Select(i => (i, (string?)$"n{i}")));
    }

    [Fact]
    public async Task An_emit_right_after_connect_is_not_dropped()
    {
        await using var connection = await ConnectAsync(await CookieOptionsAsync());
        var echoed = connection.WaitForEventAsync("echoed", Ct);

        await connection.EmitAsync("echo", ["first"], Ct);

        (await echoed).Arguments[0].GetString().Should().Be("first");
    }

    [Fact]
    public async Task DisconnectAsync_then_DisposeAsync_leaves_no_open_websocket_to_the_server()
    {
        var options = await CookieOptionsAsync();

        // Other clients (the launcher's readiness probe) may keep pooled connections open: count ours as the difference.
        var before = EstablishedConnectionsTo(fixture.Api.BaseUri.Port);
        var connection = await ConnectAsync(options);
        var whileConnected = EstablishedConnectionsTo(fixture.Api.BaseUri.Port);

        await connection.DisconnectAsync(Ct);
        await connection.DisposeAsync();

        whileConnected.Should().Be(before + 1);
        EstablishedConnectionsTo(fixture.Api.BaseUri.Port).Should().Be(before);
        connection.IsConnected.Should().BeFalse();
        await connection.Invoking(c => c.EmitAsync("echo", [], Ct)).Should().ThrowAsync<SocketIoException>();
    }

    [Fact]
    public async Task Dispose_after_a_refused_connect_and_on_a_disconnected_connection_does_not_throw()
    {
        var refused = () => ConnectAsync(new SocketIoConnectOptions(fixture.Api.BaseUri, SocketIoPath));
        await refused.Should().ThrowAsync<SocketIoException>();
        var connection = await ConnectAsync(await CookieOptionsAsync());
        await connection.DisconnectAsync(Ct);

        var dispose = async () => await connection.DisposeAsync();

        await dispose.Should().NotThrowAsync();
        await dispose.Should().NotThrowAsync();
    }

    private static CancellationTokenSource BoundedTestToken()
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        return bound;
    }

    private static int EstablishedConnectionsTo(int port) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Count(c => c.RemoteEndPoint.Port == port && c.State == TcpState.Established);

    private Task<ISocketIoConnection> ConnectAsync(SocketIoConnectOptions options) => SocketIoClient.ConnectAsync(options, Ct);

    private async Task<SocketIoConnectOptions> CookieOptionsAsync() =>
        new(fixture.Api.BaseUri, SocketIoPath) { Cookies = new Dictionary<string, string> { ["oidc-jwt"] = await TokenAsync() } };

    private Task<string> TokenAsync() => QueueApiClient.GetTokenAsync(fixture.Api, fixture.Api.Credentials, Ct);
}
