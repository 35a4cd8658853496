using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

public sealed class BinaryPacketAssemblerTests
{
    [Fact]
    public void A_binary_event_is_complete_once_every_announced_attachment_arrived()
    {
        var assembler = new BinaryPacketAssembler();
        var packet = SocketIoPacketCodec.Decode("52-[\"ev\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");

        var afterStart = assembler.Start(packet);
        var afterFirst = assembler.Add([1]);
        var afterSecond = assembler.Add([2, 2]);

        afterStart.Should().BeNull();
        afterFirst.Should().BeNull();
        afterSecond.Should().NotBeNull();
        afterSecond!.Value.Packet.Should().BeSameAs(packet);
        afterSecond.Value.Attachments.Should().BeEquivalentTo(new[] { new byte[] { 1 }, [2, 2] }, o => o.WithStrictOrdering());
        assembler.IsCollecting.Should().BeFalse();
    }

    [Fact]
    public void A_binary_packet_announcing_no_attachments_is_complete_at_once()
    {
        var assembler = new BinaryPacketAssembler();

        var result = assembler.Start(SocketIoPacketCodec.Decode("50-[\"ev\"]"));

        result.Should().NotBeNull();
        result!.Value.Attachments.Should().BeEmpty();
    }

    [Fact]
    public void A_binary_frame_nobody_announced_is_a_protocol_error()
    {
        var assembler = new BinaryPacketAssembler();

        var add = () => assembler.Add([1]);

        add.Should().Throw<SocketIoException>().WithMessage("*no BINARY_EVENT or BINARY_ACK announced*");
    }

    [Fact]
    public void A_new_binary_packet_before_the_previous_one_completed_is_a_protocol_error()
    {
        var assembler = new BinaryPacketAssembler();
        assembler.Start(SocketIoPacketCodec.Decode("52-[\"ev\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"));
        assembler.Add([1]);

        var start = () => assembler.Start(SocketIoPacketCodec.Decode("61-3[{\"_placeholder\":true,\"num\":0}]"));

        start.Should().Throw<SocketIoException>().WithMessage("*1 attachment(s) were still expected*");
    }
}
