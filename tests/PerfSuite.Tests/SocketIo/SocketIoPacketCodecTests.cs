using System.Text.Json;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

public sealed class SocketIoPacketCodecTests
{
    public static TheoryData<string, string, string, int?, string?, int> WellFormedPackets => new()
    {
        { "0", nameof(SocketIoPacketType.Connect), "/", null, null, 0 },
        { "0{\"token\":\"t\"}", nameof(SocketIoPacketType.Connect), "/", null, "{\"token\":\"t\"}", 0 },
        { "0/admin,{\"sid\":\"abc\"}", nameof(SocketIoPacketType.Connect), "/admin", null, "{\"sid\":\"abc\"}", 0 },
        { "0/admin,", nameof(SocketIoPacketType.Connect), "/admin", null, null, 0 },
        { "1", nameof(SocketIoPacketType.Disconnect), "/", null, null, 0 },
        { "1/admin,", nameof(SocketIoPacketType.Disconnect), "/admin", null, null, 0 },
        { "2[\"joinRoom\",\"lobby\"]", nameof(SocketIoPacketType.Event), "/", null, "[\"joinRoom\",\"lobby\"]", 0 },
        { "212[\"echo\",1,{\"a\":null}]", nameof(SocketIoPacketType.Event), "/", 12, "[\"echo\",1,{\"a\":null}]", 0 },
        { "2/admin,7[\"ev\"]", nameof(SocketIoPacketType.Event), "/admin", 7, "[\"ev\"]", 0 },
        { "30[{\"success\":true}]", nameof(SocketIoPacketType.Ack), "/", 0, "[{\"success\":true}]", 0 },
        { "3/admin,2147483647[]", nameof(SocketIoPacketType.Ack), "/admin", int.MaxValue, "[]", 0 },
        { "4{\"message\":\"unauthorized\"}", nameof(SocketIoPacketType.ConnectError), "/", null, "{\"message\":\"unauthorized\"}", 0 },
        { "4/admin,\"nope\"", nameof(SocketIoPacketType.ConnectError), "/admin", null, "\"nope\"", 0 },
        { "51-[\"ev\",{\"_placeholder\":true,\"num\":0}]", nameof(SocketIoPacketType.BinaryEvent), "/", null, "[\"ev\",{\"_placeholder\":true,\"num\":0}]", 1 },
        { "52-/admin,3[\"ev\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", nameof(SocketIoPacketType.BinaryEvent), "/admin", 3, "[\"ev\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", 2 },
        { "61-4[{\"_placeholder\":true,\"num\":0}]", nameof(SocketIoPacketType.BinaryAck), "/", 4, "[{\"_placeholder\":true,\"num\":0}]", 1 },
    };

    public static TheoryData<string, string> MalformedPackets => new()
    {
        { "", "empty" },
        { "7[]", "not a packet type" },
        { "x", "not a packet type" },
        { "2", "EVENT data must be a JSON array" },
        { "2[]", "EVENT data must be a JSON array" },
        { "2[1,2]", "EVENT data must be a JSON array" },
        { "2{\"a\":1}", "EVENT data must be a JSON array" },
        { "2[\"ev\"", "not JSON" },
        { "3[]", "ACK needs an ack id" },
        { "31{}", "ACK data must be a JSON array" },
        { "0[]", "CONNECT data must be a JSON object" },
        { "1{}", "DISCONNECT carries no data" },
        { "4[]", "CONNECT_ERROR data must be a JSON object or string" },
        { "5[\"ev\"]", "attachment count" },
        { "5x-[\"ev\"]", "attachment count" },
        { "299999999999[\"ev\"]", "does not fit in an int" },
    };

    [Theory]
    [MemberData(nameof(WellFormedPackets))]
    public void Decode_reads_type_namespace_ack_id_data_and_attachment_count(
        string text, string type, string @namespace, int? ackId, string? data, int attachments)
    {
        var packet = SocketIoPacketCodec.Decode(text);

        packet.Type.Should().Be(Enum.Parse<SocketIoPacketType>(type));
        packet.Namespace.Should().Be(@namespace);
        packet.AckId.Should().Be(ackId);
        (packet.Data?.GetRawText()).Should().Be(data);
        packet.AttachmentCount.Should().Be(attachments);
    }

    [Theory]
    [MemberData(nameof(WellFormedPackets))]
    public void Encode_writes_the_same_text_that_decodes_to_the_packet(
        string text, string type, string @namespace, int? ackId, string? data, int attachments)
    {
        var packet = new SocketIoPacket(Enum.Parse<SocketIoPacketType>(type), @namespace, ackId, data is null ? null : JsonDocument.Parse(data).RootElement, attachments);

        var encoded = SocketIoPacketCodec.Encode(packet);

        encoded.Should().Be(text);
    }

    [Theory]
    [MemberData(nameof(MalformedPackets))]
    public void Decode_of_a_malformed_packet_throws_an_exception_that_names_the_problem(string text, string reason)
    {
        var decode = () => SocketIoPacketCodec.Decode(text);

        decode.Should().Throw<SocketIoException>().WithMessage($"*Malformed Socket.IO packet*{reason}*");
    }

    [Fact]
    public void Decode_of_an_event_exposes_the_name_and_the_arguments_without_it()
    {
        var packet = SocketIoPacketCodec.Decode("2[\"echoed\",\"a\",{\"b\":2}]");

        packet.EventName.Should().Be("echoed");
        packet.Arguments().GetRawText().Should().Be("[\"a\",{\"b\":2}]");
    }

    [Fact]
    public void Decode_of_an_ack_exposes_the_whole_array_as_arguments()
    {
        var packet = SocketIoPacketCodec.Decode("35[{\"success\":true,\"room\":\"lobby\"}]");

        packet.EventName.Should().BeNull();
        packet.Arguments().GetRawText().Should().Be("[{\"success\":true,\"room\":\"lobby\"}]");
    }

    [Theory]
    [InlineData("/", null, "2[\"joinRoom\",\"lobby\"]")]
    [InlineData("/", 0, "20[\"joinRoom\",\"lobby\"]")]
    [InlineData("/admin", 42, "2/admin,42[\"joinRoom\",\"lobby\"]")]
    public void EncodeEvent_writes_namespace_ack_id_and_name_first(string @namespace, int? ackId, string expected)
    {
        var encoded = SocketIoPacketCodec.EncodeEvent(@namespace, "joinRoom", ["lobby"], ackId);

        encoded.Text.Should().Be(expected);
        encoded.Attachments.Should().BeEmpty();
    }

    [Fact]
    public void EncodeEvent_serializes_arguments_with_property_names_as_given()
    {
        var encoded = SocketIoPacketCodec.EncodeEvent("/", "ev", [new { TicketId = 3, note = "x" }, null, 1.5, true], null);

        encoded.Text.Should().Be("2[\"ev\",{\"TicketId\":3,\"note\":\"x\"},null,1.5,true]");
    }

    [Fact]
    public void EncodeEvent_turns_byte_arrays_into_placeholders_and_attachments_in_order()
    {
        byte[] first = [1, 2, 3];
        byte[] second = [];

        var encoded = SocketIoPacketCodec.EncodeEvent("/", "echo", ["text", first, second], 9);

        encoded.Text.Should().Be("52-9[\"echo\",\"text\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        encoded.Attachments.Should().Equal([first, second]);
    }

    [Fact]
    public void EncodeAck_with_a_byte_array_is_a_binary_ack()
    {
        var encoded = SocketIoPacketCodec.EncodeAck("/admin", 4, [new byte[] { 7 }]);

        encoded.Text.Should().Be("61-/admin,4[{\"_placeholder\":true,\"num\":0}]");
        encoded.Attachments.Should().ContainSingle().Which.Should().Equal(7);
    }

    [Theory]
    [InlineData("/", false, "0")]
    [InlineData("/", true, "0{\"token\":\"abc\"}")]
    [InlineData("/admin", false, "0/admin,")]
    [InlineData("/admin", true, "0/admin,{\"token\":\"abc\"}")]
    public void EncodeConnect_writes_the_namespace_and_the_optional_auth_payload(string @namespace, bool withAuth, string expected)
    {
        var auth = withAuth ? new Dictionary<string, string> { ["token"] = "abc" } : null;

        var text = SocketIoPacketCodec.EncodeConnect(@namespace, auth);

        text.Should().Be(expected);
    }
}
