using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using PerfSuite.Artillery;
using PerfSuite.Engine.Checks;
using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Http.Http1;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Reporting.Thresholds;
using SharpFuzz;

namespace PerfSuite.Fuzz;

/// <summary>
/// One AFL++ target per parser (<c>perfsuite-fuzz TARGET</c> under afl-fuzz; <c>perfsuite-fuzz TARGET FILE</c> replays one
/// input). An input may make a parser refuse it with its own named exception (the fault a server or a user made); any
/// other exception, a hang or a crash is a finding.
/// </summary>
public static class Program
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> Targets = new Dictionary<string, Action<byte[]>>
    {
        ["http-head"] = FuzzTargets.HttpHead,
        ["http-chunk"] = FuzzTargets.HttpChunkSize,
        ["http-body"] = FuzzTargets.HttpBodyStream,
        ["ws-frames"] = FuzzTargets.WebSocketFrames,
        ["json-checks"] = FuzzTargets.JsonChecksAndCaptures,
        ["json-feed"] = FuzzTargets.JsonFeed,
        ["websocket-head"] = FuzzTargets.WebSocketHead,
        ["engineio"] = FuzzTargets.EngineIoOpen,
        ["socketio"] = FuzzTargets.SocketIoPacket,
        ["budgets"] = FuzzTargets.Budgets,
        ["artillery"] = FuzzTargets.Artillery,
        ["csv-feed"] = FuzzTargets.CsvFeed,
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: perfsuite-fuzz TARGET [FILE]; targets: {string.Join(", ", Targets.Keys)}");
            return 2;
        }

        if (args.Length > 1)
        {
            target(File.ReadAllBytes(args[1]));
            Console.WriteLine("no finding");
            return 0;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            target(memory.ToArray());
        });
        return 0;
    }
}

/// <summary>The targets: each feeds the bytes to one parser and lets only that parser's named refusal through.</summary>
public static class FuzzTargets
{
    public static void HttpHead(byte[] input)
    {
        try
        {
            _ = ResponseHead.Parse(input, keepContentType: true, keepWebSocketAccept: true);
        }
        catch (ResponseFaultException)
        {
        }
    }

    public static void HttpChunkSize(byte[] input)
    {
        try
        {
            _ = Http1Connection.ParseChunkSize(input);
        }
        catch (ResponseFaultException)
        {
        }
    }

    public static void WebSocketHead(byte[] input)
    {
        try
        {
            _ = WebSocketUpgrade.ParseHead(input);
        }
        catch (ResponseFaultException)
        {
        }
    }

    public static void EngineIoOpen(byte[] input)
    {
        try
        {
            _ = EngineIoOpenPacket.Parse(Encoding.UTF8.GetString(input));
        }
        catch (SocketIoException)
        {
        }
    }

    public static void SocketIoPacket(byte[] input)
    {
        try
        {
            _ = SocketIoPacketCodec.Decode(Encoding.UTF8.GetString(input));
        }
        catch (SocketIoException)
        {
        }
    }

    public static void Budgets(byte[] input)
    {
        try
        {
            _ = BudgetFile.Parse(Encoding.UTF8.GetString(input), "budgets.json");
        }
        catch (BudgetFileException)
        {
        }
    }

    public static void Artillery(byte[] input)
    {
        try
        {
            _ = ArtilleryScriptLoader.Parse(Encoding.UTF8.GetString(input), "script.yml");
        }
        catch (ArtilleryScriptException)
        {
        }
    }

    public static void CsvFeed(byte[] input) => _ = Engine.Feeds.CsvFeedReader.Read("feed.csv", Encoding.UTF8.GetString(input));

    public static void JsonFeed(byte[] input) => _ = JsonFeedReader.Read("feed.json", Encoding.UTF8.GetString(input));

    /// <summary>The largest body the body-stream target accepts (over it: body-too-large, a named refusal).</summary>
    private const long MaxBodyBytes = 256 * 1024;

    private static readonly Lazy<TcpListener> Loopback = new(() =>
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    });

    /// <summary>
    /// The whole response as the lean HTTP/1.1 client reads it from a socket: head, then the body framed by
    /// Content-Length, chunks or the close. The input is what a loopback server sends before it closes (FIN).
    /// </summary>
    public static void HttpBodyStream(byte[] input)
    {
        var listener = Loopback.Value;
        using var connection = Http1Connection.ConnectAsync(listener.LocalEndpoint, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using (var server = listener.AcceptSocket())
        {
            server.Send(input);
            server.Shutdown(SocketShutdown.Send);
            try
            {
                var request = new Http1Request("GET", "/fuzz", "127.0.0.1", null, [], ReadOnlyMemory<byte>.Empty);
                _ = connection.SendAsync(request, collectBody: true, CancellationToken.None, MaxBodyBytes).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is ResponseFaultException or ServerDroppedRequestException)
            {
            }
        }
    }

    /// <summary>
    /// Server-to-client WebSocket frames (RFC 6455, parsed by the BCL's WebSocket over our stream) read by the Engine.IO
    /// transport until the close frame or the end; a frame that breaks the protocol is a WebSocketException (protocol-violation).
    /// </summary>
    public static void WebSocketFrames(byte[] input)
    {
        using var stream = new InputThenEndStream(input);
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var transport = new WebSocketEngineIoTransport(socket);
        try
        {
            for (var frames = 0; frames < 1000; frames++)
            {
                var frame = transport.ReceiveAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                if (frame is null)
                {
                    return;
                }

                if (frame.Value.Text is { } text)
                {
                    try
                    {
                        _ = SocketIoPacketCodec.Decode(text.Length > 0 && text[0] == '4' ? text[1..] : text);
                    }
                    catch (SocketIoException)
                    {
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or SocketIoException)
        {
        }
    }

    /// <summary>
    /// A JSON check or capture: the first line is the path (as a step's <c>Capture</c>/<c>CheckJson</c> takes it), the
    /// rest the response body. A path is refused with its problem; a body that is not JSON fails the check, never throws.
    /// </summary>
    public static void JsonChecksAndCaptures(byte[] input)
    {
        var newline = Array.IndexOf(input, (byte)'\n');
        var pathText = Encoding.UTF8.GetString(input, 0, newline < 0 ? input.Length : newline);
        var body = newline < 0 ? [] : input[(newline + 1)..];
        if (!JsonPath.TryParse(pathText, out var path, out _))
        {
            return;
        }

        using var response = new ResponseBody(body, "application/json");
        if (response.TryFind(path, out var value) && value.ValueKind is not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined))
        {
            _ = Engine.Load.VariableValue.FromJson(value);
        }

        _ = response.Text;
    }

    /// <summary>A read-only stream of the input, then the end (the peer closed); writes (the client's close frame) are dropped.</summary>
    private sealed class InputThenEndStream(byte[] input) : MemoryStream(input, writable: false)
    {
        public override bool CanWrite => true;

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
