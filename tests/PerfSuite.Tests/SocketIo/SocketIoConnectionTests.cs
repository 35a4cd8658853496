using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

public sealed class SocketIoConnectionTests : IDisposable
{
    private static readonly SocketIoConnectOptions DefaultOptions = new(new Uri("http://127.0.0.1:1"));

    // Every wait in these tests is bounded so a regression fails instead of hanging the run.
    private readonly CancellationTokenSource _bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public SocketIoConnectionTests() => _bound.CancelAfter(TimeSpan.FromSeconds(10));

    private CancellationToken Bound => _bound.Token;

    public void Dispose() => _bound.Dispose();

    [Fact]
    public async Task Open_completes_on_the_namespace_CONNECT_ack_and_takes_its_session_id()
    {
        var transport = new FakeEngineIoTransport();

        await using var connection = await SocketIoConnection.OpenAsync(transport, DefaultOptions, TimeProvider.System, Bound);

        connection.IsConnected.Should().BeTrue();
        connection.SessionId.Should().Be("fake-sid");
        (await transport.NextSentTextAsync(Bound)).Should().Be("40");
    }

    [Fact]
    public async Task Open_sends_the_namespace_and_the_auth_payload_in_the_CONNECT_packet()
    {
        var transport = new FakeEngineIoTransport { ConnectReply = "40/admin,{\"sid\":\"admin-sid\"}" };
        var options = DefaultOptions with { Namespace = "/admin", Auth = new Dictionary<string, string> { ["token"] = "t" } };

        await using var connection = await SocketIoConnection.OpenAsync(transport, options, TimeProvider.System, Bound);

        (await transport.NextSentTextAsync(Bound)).Should().Be("40/admin,{\"token\":\"t\"}");
        connection.SessionId.Should().Be("admin-sid");
    }

    [Fact]
    public async Task Open_refused_with_CONNECT_ERROR_throws_ConnectionRefused_with_the_server_message_and_closes_the_transport()
    {
        var transport = new FakeEngineIoTransport { ConnectReply = "44{\"message\":\"unauthorized\"}" };

        var open = () => SocketIoConnection.OpenAsync(transport, DefaultOptions, TimeProvider.System, Bound);

        (await open.Should().ThrowAsync<SocketIoException>().WithMessage("*refused*unauthorized*"))
            .Which.ConnectionRefused.Should().BeTrue();
        await transport.DisposedTask.WaitAsync(Bound);
        transport.CloseOutputSent.Should().BeTrue();
    }

    [Fact]
    public async Task Open_canceled_before_the_CONNECT_ack_throws_OperationCanceledException_and_aborts_the_transport()
    {
        var transport = new FakeEngineIoTransport { ConnectReply = null };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Bound);
        var open = SocketIoConnection.OpenAsync(transport, DefaultOptions, TimeProvider.System, cancel.Token);

        await cancel.CancelAsync();

        await open.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
        transport.Aborted.Should().BeTrue();
        transport.Disposed.Should().BeTrue();
    }

    [Fact]
    public async Task Open_answered_by_a_namespace_DISCONNECT_throws_a_SocketIoException_that_is_not_a_refusal()
    {
        var transport = new FakeEngineIoTransport { ConnectReply = "41" };

        var open = () => SocketIoConnection.OpenAsync(transport, DefaultOptions, TimeProvider.System, Bound);

        (await open.Should().ThrowAsync<SocketIoException>()).Which.ConnectionRefused.Should().BeFalse();
    }

    [Fact]
    public async Task A_server_ping_is_answered_with_a_pong_at_once()
    {
        var transport = new FakeEngineIoTransport();
        await using var connection = await SocketIoConnection.OpenAsync(transport, DefaultOptions, TimeProvider.System, Bound);
        await transport.NextSentTextAsync(Bound);

        transport.ServerSends("2");

        (await transport.NextSentTextAsync(Bound)).Should().Be("3");
        connection.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task Pings_within_pingInterval_plus_pingTimeout_keep_the_connection_alive()
    {
        var time = new FakeTimeProvider();
        var transport = new FakeEngineIoTransport(pingIntervalMs: 1000, pingTimeoutMs: 500);
        await using var connection = await SocketIoConnection.OpenAsync(transport, DefaultOptions, time, Bound);
        await transport.NextSentTextAsync(Bound);

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1400));
            transport.ServerSends("2");
            await transport.NextSentTextAsync(Bound);
        }

        connection.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task No_ping_for_pingInterval_plus_pingTimeout_closes_the_connection_and_fails_pending_acks()
    {
        var time = new FakeTimeProvider();
        var transport = new FakeEngineIoTransport(pingIntervalMs: 1000, pingTimeoutMs: 500);
        await using var connection = await SocketIoConnection.OpenAsync(transport, DefaultOptions, time, Bound);
        await transport.NextSentTextAsync(Bound);
        var ack = connection.EmitWithAckAsync("echo", [], Bound);
        await transport.NextSentTextAsync(Bound);
        time.Advance(TimeSpan.FromMilliseconds(1499));
        var connectedJustBefore = connection.IsConnected;

        time.Advance(TimeSpan.FromMilliseconds(2));

        connectedJustBefore.Should().BeTrue();
        connection.IsConnected.Should().BeFalse();
        await ack.Invoking(task => task).Should().ThrowAsync<SocketIoException>().WithMessage("*no ping*");
        transport.Aborted.Should().BeTrue();
    }
}
