using System.Text.Json;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

/// <summary>Emits, acks, events and closing of <see cref="SocketIoConnection"/> against a scripted fake peer.</summary>
public sealed class SocketIoConnectionMessagingTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly FakeEngineIoTransport _transport = new();
    private SocketIoConnection _connection = null!;

    private CancellationToken Bound => _bound.Token;

    public async ValueTask InitializeAsync()
    {
        _bound.CancelAfter(TimeSpan.FromSeconds(10));
        _connection = await SocketIoConnection.OpenAsync(_transport, new SocketIoConnectOptions(new Uri("http://127.0.0.1:1")), TimeProvider.System, Bound);
        await _transport.NextSentTextAsync(Bound);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _bound.Dispose();
    }

    [Fact]
    public async Task EmitWithAck_completes_with_the_arguments_of_the_ack_carrying_its_id()
    {
        var ack = _connection.EmitWithAckAsync("joinRoom", ["lobby"], Bound);
        var sent = await _transport.NextSentTextAsync(Bound);

        _transport.ServerSends("430[{\"success\":true,\"room\":\"lobby\"}]");

        sent.Should().Be("420[\"joinRoom\",\"lobby\"]");
        (await ack).Arguments.GetRawText().Should().Be("[{\"success\":true,\"room\":\"lobby\"}]");
    }

    [Fact]
    public async Task Fifty_concurrent_acks_answered_in_reverse_order_each_reach_their_own_emit()
    {
        var acks = Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => _connection.EmitWithAckAsync("echo", [i], Bound), Bound))
            .ToList();
        var sent = new List<SocketIoPacket>();
        for (var i = 0; i < 50; i++)
        {
            sent.Add(SocketIoPacketCodec.Decode((await _transport.NextSentTextAsync(Bound))[1..]));
        }

        foreach (var packet in Enumerable.Reverse(sent))
        {
            _transport.ServerSends($"43{packet.AckId}[{packet.Data!.Value[1].GetInt32()}]");
        }

        var results = await Task.WhenAll(acks);
        sent.Select(packet => packet.AckId).Should().OnlyHaveUniqueItems();
        results.Select(message => message.Arguments[0].GetInt32()).Should().Equal(Enumerable.Range(0, 50));
    }

    [Fact]
    public async Task Emit_with_a_byte_array_sends_a_binary_event_followed_by_its_attachment()
    {
        await _connection.EmitAsync("echo", ["caption", new byte[] { 0, 255 }], Bound);

        var frames = _transport.SentFrames.Skip(1).ToList();
        frames.Should().HaveCount(2);
        frames[0].Text.Should().Be("451-[\"echo\",\"caption\",{\"_placeholder\":true,\"num\":0}]");
        frames[1].Binary.Should().Equal(0, 255);
    }

    [Fact]
    public async Task Concurrent_binary_emits_keep_each_packet_followed_by_its_own_attachments()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => _connection.EmitAsync("echo", [i, new byte[] { (byte)i }, new byte[] { (byte)i, (byte)i }], Bound), Bound)));

        var frames = _transport.SentFrames.Skip(1).ToList();
        frames.Should().HaveCount(60);
        for (var at = 0; at < frames.Count; at += 3)
        {
            var i = (byte)SocketIoPacketCodec.Decode(frames[at].Text![1..]).Data!.Value[1].GetInt32();
            frames[at + 1].Binary.Should().Equal(i);
            frames[at + 2].Binary.Should().Equal(i, i);
        }
    }

    [Fact]
    public async Task A_binary_event_is_dispatched_with_its_attachments_once_they_all_arrived()
    {
        var echoed = _connection.WaitForEventAsync("echoed", Bound);

        _transport.ServerSends("451-[\"echoed\",\"caption\",{\"_placeholder\":true,\"num\":0}]");
        var beforeAttachment = echoed.IsCompleted;
        _transport.ServerSendsBinary([9, 8, 7]);

        beforeAttachment.Should().BeFalse();
        var message = await echoed;
        message.EventName.Should().Be("echoed");
        message.Arguments.GetRawText().Should().Be("[\"caption\",{\"_placeholder\":true,\"num\":0}]");
        message.Attachments.Should().ContainSingle().Which.Should().Equal(9, 8, 7);
    }

    [Fact]
    public async Task A_binary_ack_completes_the_emit_with_its_attachments()
    {
        var ack = _connection.EmitWithAckAsync("echo", [new byte[] { 1 }], Bound);
        await _transport.NextSentTextAsync(Bound);

        _transport.ServerSends("461-0[{\"_placeholder\":true,\"num\":0}]");
        _transport.ServerSendsBinary([1]);

        (await ack).Attachments.Should().ContainSingle().Which.Should().Equal(1);
    }

    [Fact]
    public async Task WaitForEvent_gets_the_next_event_of_that_name_only()
    {
        var joined = _connection.WaitForEventAsync("joinRoomSuccess", Bound);

        _transport.ServerSends("42[\"other\",1]");
        _transport.ServerSends("42/admin,[\"joinRoomSuccess\",\"wrong namespace\"]");
        _transport.ServerSends("42[\"joinRoomSuccess\",\"lobby\"]");

        (await joined).Arguments[0].GetString().Should().Be("lobby");
    }

    [Fact]
    public async Task WaitForEvent_canceled_by_its_token_throws_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource();
        var wait = _connection.WaitForEventAsync("never", cancel.Token);

        await cancel.CancelAsync();

        await wait.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_server_DISCONNECT_marks_the_connection_closed_and_fails_pending_waits()
    {
        var ack = _connection.EmitWithAckAsync("echo", [], Bound);
        var wait = _connection.WaitForEventAsync("echoed", Bound);

        _transport.ServerSends("41");

        await ack.Invoking(task => task).Should().ThrowAsync<SocketIoException>().WithMessage("*server disconnected*");
        await wait.Invoking(task => task).Should().ThrowAsync<SocketIoException>();
        _connection.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task A_transport_close_fails_pending_waits_and_later_emits()
    {
        var wait = _connection.WaitForEventAsync("echoed", Bound);

        _transport.ServerCloses();

        await wait.Invoking(task => task).Should().ThrowAsync<SocketIoException>().WithMessage("*closed the websocket*");
        await _connection.Invoking(c => c.EmitAsync("echo", [], Bound)).Should().ThrowAsync<SocketIoException>();
        _connection.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task DisconnectAsync_sends_a_namespace_DISCONNECT_closes_the_transport_and_fails_pending_acks()
    {
        var ack = _connection.EmitWithAckAsync("echo", [], Bound);
        await _transport.NextSentTextAsync(Bound);

        await _connection.DisconnectAsync(Bound);
        await _connection.DisconnectAsync(Bound);

        (await _transport.NextSentTextAsync(Bound)).Should().Be("41");
        _transport.CloseOutputSent.Should().BeTrue();
        _transport.Disposed.Should().BeTrue();
        _connection.IsConnected.Should().BeFalse();
        await ack.Invoking(task => task).Should().ThrowAsync<SocketIoException>().WithMessage("*closed by the client*");
        await _connection.Invoking(c => c.WaitForEventAsync("echoed", Bound)).Should().ThrowAsync<SocketIoException>();
    }

    [Fact]
    public async Task A_malformed_packet_from_the_server_closes_the_connection_with_the_reason()
    {
        var wait = _connection.WaitForEventAsync("echoed", Bound);

        _transport.ServerSends("42{not json");

        await wait.Invoking(task => task).Should().ThrowAsync<SocketIoException>().WithMessage("*Malformed Socket.IO packet*");
        _connection.IsConnected.Should().BeFalse();
    }
}
