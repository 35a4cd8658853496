using System.Text;
using PerfSuite.Artillery;
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
}
