using System.Text;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Tests.Http;

namespace PerfSuite.Tests.Faults;

/// <summary>
/// The fault matrix's broken-response rows (docs/reliability.md): a real loopback server sends exactly the bytes of one
/// fault, the real engine runs a short profile against it, and every request is counted under the kind that names that
/// fault and nothing else (not <c>other:HttpIOException</c>, not <c>connection-reset</c> for a clean close).
/// </summary>
[Trait("Category", "Faults")]
[Collection(FaultMatrixAlone.Name)]
public sealed class ResponseFaultMatrixTests
{
    private const string Name = "faults";

    public static TheoryData<string, string, string> HttpFaults => new()
    {
        { "not HTTP at all", "SSH-2.0-OpenSSH_9.6\r\n\r\n", "not-http" },
        { "not HTTP, closed before any line end", "hello", "not-http" },
        { "a malformed status line", "HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok", "malformed-head" },
        { "a status line without a status", "HTTP/1.1\r\nContent-Length: 2\r\n\r\nok", "malformed-head" },
        { "a header line without a colon", "HTTP/1.1 200 OK\r\nthis is no header\r\nContent-Length: 2\r\n\r\nok", "malformed-head" },
        { "a Content-Length that is not a number", "HTTP/1.1 200 OK\r\nContent-Length: two\r\n\r\nok", "malformed-head" },
        { "an invalid chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n", "bad-chunk" },
        { "a chunk not followed by CRLF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX0\r\n\r\n", "bad-chunk" },
    };

    [Theory]
    [MemberData(nameof(HttpFaults))]
    public async Task A_broken_response_is_counted_under_its_own_kind(string fault, string bytes, string kind)
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply(bytes) { CloseAfter = TimeSpan.Zero });

        var summary = await RunAsync(server.BaseUri, Scenario.Create(Name).Get("/a").Build());

        summary.Requests.Should().BePositive();
        summary.Errors.Should().Equal(new Dictionary<string, long> { [kind] = summary.Requests }, fault);
        summary.Codes.Should().BeEmpty(fault);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_then_a_clean_close_is_response_truncated()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok") { CloseAfter = TimeSpan.Zero });

        var summary = await RunAsync(server.BaseUri, Scenario.Create(Name).Get("/a").Build());

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["response-truncated"] = summary.Requests }, "the server sent FIN after 2 of 10 bytes");
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_then_a_reset_is_connection_reset()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok") { Reset = true });

        var summary = await RunAsync(server.BaseUri, Scenario.Create(Name).Get("/a").Build());

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["connection-reset"] = summary.Requests }, "the server sent RST after 2 of 10 bytes");
    }

    [Fact]
    public async Task A_chunked_body_cut_by_a_clean_close_is_response_truncated()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nok") { CloseAfter = TimeSpan.Zero });

        var summary = await RunAsync(server.BaseUri, Scenario.Create(Name).Get("/a").Build());

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["response-truncated"] = summary.Requests });
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n", "announced by Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n", "announced by a chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", "streamed until the close")]
    public async Task A_body_over_the_configured_limit_is_body_too_large(string head, string how)
    {
        var body = new string('x', 4096);
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply(head, body) { CloseAfter = TimeSpan.FromMilliseconds(200) });

        var summary = await RunAsync(server.BaseUri, Scenario.Create(Name).Get("/a").Build(), maxBodyBytes: 1024);

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["body-too-large"] = summary.Requests }, how);
    }

    public static TheoryData<string, byte[]> SocketIoFaults => new()
    {
        // FIN + RSV1 on a text frame: no extension was negotiated, so RSV1 must be 0 (RFC 6455 5.2).
        { "a websocket frame with a reserved bit set", [0xC1, 0x01, (byte)'x'] },
        // Opcode 0x3 is reserved (RFC 6455 5.2).
        { "a websocket frame with a reserved opcode", [0x83, 0x01, (byte)'x'] },
        { "an unknown Engine.IO packet type", TextFrame("9hello") },
        { "a Socket.IO packet that is not a packet type", TextFrame("4Z") },
        { "a Socket.IO CONNECT whose payload is not JSON", TextFrame("40{nope") },
    };

    [Theory]
    [MemberData(nameof(SocketIoFaults))]
    public async Task A_socket_io_server_breaking_the_protocol_is_protocol_violation(string fault, byte[] frame)
    {
        await using var server = new ScriptedHttpServer(request => new ScriptedReply(Upgrade(request.Head))
        {
            Bytes = [TextFrame("""0{"sid":"s1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"""), frame],
            CloseAfter = TimeSpan.FromSeconds(1),
        });

        var summary = await RunAsync(server.BaseUri, Scenario.Create(Name).SocketIoConnect("/socket.io").SocketIoDisconnect().Build());

        summary.Requests.Should().BePositive();
        summary.Errors.Keys.Should().Equal(["protocol-violation"], fault);
    }

    internal static byte[] TextFrame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        payload.Length.Should().BeLessThan(126);
        return [0x81, (byte)payload.Length, .. payload];
    }

    internal static string Upgrade(string requestHead)
    {
        var key = requestHead.Split("\r\n").Single(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               + $"Sec-WebSocket-Accept: {WebSocketUpgrade.ExpectedAccept(key)}\r\n\r\n";
    }

    private static async Task<Engine.Metrics.RunSummary> RunAsync(Uri target, Scenario scenario, long? maxBodyBytes = null)
    {
        var options = new LoadRunOptions(target, [scenario], new LoadProfile("smoke", [new ArrivalPhase("steady", TimeSpan.FromSeconds(1), 5)]))
        {
            Name = $"{Name} / smoke",
            RequestTimeout = TimeSpan.FromSeconds(3),
            GracefulStop = TimeSpan.FromSeconds(3),
            MaxResponseBodyBytes = maxBodyBytes,
        };
        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{summary.Requests} requests; codes {string.Join(", ", summary.Codes.Select(c => $"{c.Key}={c.Value}"))}; errors {string.Join(", ", summary.Errors.Select(e => $"{e.Key}={e.Value}"))}");
        return summary;
    }
}
