using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Tests.SocketIo;

public sealed class EngineIoOpenPacketTests
{
    [Fact]
    public void Parse_reads_session_id_ping_timing_and_max_payload()
    {
        var open = EngineIoOpenPacket.Parse("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":5000,\"maxPayload\":1000000}");

        open.Should().Be(new EngineIoOpenPacket("abc", TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(5), 1_000_000));
        open.SilenceLimit.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("", "open packet")]
    [InlineData("40", "open packet")]
    [InlineData("0", "open packet")]
    [InlineData("0{", "Bad Engine.IO handshake")]
    [InlineData("0{\"sid\":\"abc\"}", "Bad Engine.IO handshake")]
    [InlineData("0{\"sid\":\"abc\",\"pingInterval\":\"soon\",\"pingTimeout\":1}", "Bad Engine.IO handshake")]
    public void Parse_of_anything_but_an_open_packet_throws_a_bad_handshake_error(string text, string expected)
    {
        var parse = () => EngineIoOpenPacket.Parse(text);

        parse.Should().Throw<SocketIoException>().WithMessage($"*{expected}*");
    }
}
