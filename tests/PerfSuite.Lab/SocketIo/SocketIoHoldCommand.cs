using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;

namespace PerfSuite.Lab.SocketIo;

/// <summary>
/// <c>socketio-hold [--url URL] [--connections N] [--path P] [--hold-seconds S] [--warmup W]</c>: opens N Socket.IO connections with the
/// engine's own client, one after another, holds them (the receive loops answer the server's pings), checks every one
/// still answers an <c>echo</c> with an ack, and prints one JSON line with the managed heap and the process RSS at 0, 100
/// and N connections, and the bytes each connection costs. Without <c>--url</c> it launches the embedded reference API.
/// </summary>
internal static class SocketIoHoldCommand
{
    public static readonly Option<Uri?> Url = CliOptions.HttpUrl("--url", "a loopback server (default: the embedded reference API)", "-u");

    public static readonly Option<int?> Connections = CliOptions.WholeNumber("--connections", "N", "connections held (default 500)", 1, 10_000, "-n");

    public static readonly Option<string?> Path = CliOptions.Text("--path", "Engine.IO path (default /api/v1/socket.io)", "PATH");

    public static readonly Option<int?> HoldSeconds = CliOptions.WholeNumber("--hold-seconds", "S", "seconds the connections are held (default 5)", 0, 600);

    public static readonly Option<int?> Warmup = CliOptions.WholeNumber(
        "--warmup", "W", "connections opened and closed before the first reading, to leave JIT and first-use costs out (default 0)", 0, 10_000);

    private const int FirstCheckpoint = 100;

    /// <summary>The command and its options.</summary>
    public static Command Create() =>
        new Command("socketio-hold", "memory per held Socket.IO connection (engine client, N connections held); JSON result on stdout")
        {
            Url, Connections, Path, HoldSeconds, Warmup,
        }.WithHandler(RunAsync, ExitCodes.Table);

    private static async Task<int> RunAsync(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Bind(parsed, out var problem) is not { } arguments)
        {
            await error.WriteLineAsync($"socketio-hold: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync(CliTool.Usage(parsed)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (arguments.BaseUri is { } baseUri)
        {
            return await HoldAsync(arguments with { BaseUri = baseUri }, output, error, cancellationToken).ConfigureAwait(false);
        }

        await using var api = new QueueApiBuilder().Build();
        using (var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            startup.CancelAfter(TimeSpan.FromSeconds(60));
            await api.StartAsync(startup.Token).ConfigureAwait(false);
        }

        return await HoldAsync(arguments with { BaseUri = api.BaseUri }, output, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The parsed arguments; <see cref="BaseUri"/> is null for the embedded reference API.</summary>
    internal sealed record Arguments(Uri? BaseUri, int Connections, string Path, int HoldSeconds, int Warmup = 0);

    internal static Arguments? Bind(ParseResult parsed, out string? problem)
    {
        problem = parsed.Errors.Count > 0 ? CliTool.Problem(parsed) : null;
        if (problem is null && parsed.GetValue(Url) is { IsLoopback: false } remote)
        {
            problem = $"--url must be an http(s) URL on a loopback host (was '{remote}')";
        }

        if (problem is null && parsed.GetValue(Path) is { } path && !path.StartsWith('/'))
        {
            problem = $"--path must start with '/' (was '{path}')";
        }

        return problem is not null ? null : new Arguments(
            parsed.GetValue(Url), parsed.GetValue(Connections) ?? 500, parsed.GetValue(Path) ?? "/api/v1/socket.io", parsed.GetValue(HoldSeconds) ?? 5, parsed.GetValue(Warmup) ?? 0);
    }

    private static async Task<int> HoldAsync(Arguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var baseUri = arguments.BaseUri!;
        var options = new SocketIoConnectOptions(baseUri, arguments.Path)
        {
            Cookies = await ReferenceApiToken.TryFetchAsync(baseUri).ConfigureAwait(false) is { } token
                ? new Dictionary<string, string> { ["oidc-jwt"] = token }
                : new Dictionary<string, string>(),
        };

        for (var i = 0; i < arguments.Warmup; i++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using var warm = await SocketIoClient.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
            await warm.EmitWithAckAsync("echo", ["warm"], timeout.Token).ConfigureAwait(false);
        }

        var connections = new List<ISocketIoConnection>(arguments.Connections);
        var failures = 0;
        try
        {
            var zero = Reading.Take();
            Reading? atFirst = null;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < arguments.Connections; i++)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    connections.Add(await SocketIoClient.ConnectAsync(options, timeout.Token).ConfigureAwait(false));
                }
                catch (Exception exception) when (exception is SocketIoException or OperationCanceledException)
                {
                    if (failures++ == 0)
                    {
                        await error.WriteLineAsync($"socketio-hold: connect {i + 1} failed: {exception.Message}").ConfigureAwait(false);
                    }
                }

                if (i + 1 == FirstCheckpoint && arguments.Connections > FirstCheckpoint)
                {
                    atFirst = Reading.Take();
                }
            }

            var connectSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"socketio-hold: {connections.Count} connected in {connectSeconds:F1} s ({failures} failed); holding {arguments.HoldSeconds} s")).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(arguments.HoldSeconds), cancellationToken).ConfigureAwait(false);
            var atN = Reading.Take();

            var stillConnected = connections.Count(connection => connection.IsConnected);
            var acked = await EchoAllAsync(connections).ConfigureAwait(false);
            await output.WriteLineAsync(ResultLine(arguments.Warmup, arguments.Connections, connections.Count, stillConnected, acked, zero, atFirst, atN)).ConfigureAwait(false);
            return failures == 0 && stillConnected == connections.Count && acked == connections.Count ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(connections.Select(connection => connection.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
    }

    /// <summary>Every held connection still works end to end: an <c>echo</c> with an ack, all at once.</summary>
    private static async Task<int> EchoAllAsync(List<ISocketIoConnection> connections)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var results = await Task.WhenAll(connections.Select(async connection =>
        {
            try
            {
                var ack = await connection.EmitWithAckAsync("echo", ["held"], timeout.Token).ConfigureAwait(false);
                return ack.Arguments.ValueKind == JsonValueKind.Array && ack.Arguments.GetArrayLength() == 1 ? 1 : 0;
            }
            catch (Exception exception) when (exception is SocketIoException or OperationCanceledException)
            {
                return 0;
            }
        })).ConfigureAwait(false);
        return results.Sum();
    }

    internal static string ResultLine(int warmup, int requested, int connected, int stillConnected, int acked, Reading zero, Reading? atFirst, Reading atN)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("connections", requested);
            json.WriteNumber("warmup", warmup);
            json.WriteNumber("connected", connected);
            json.WriteNumber("still_connected", stillConnected);
            json.WriteNumber("acked", acked);
            WriteReading(json, "at_0", zero);
            if (atFirst is { } first)
            {
                WriteReading(json, $"at_{FirstCheckpoint}", first);
            }

            WriteReading(json, $"at_{requested}", atN);
            if (atFirst is { } from && connected > FirstCheckpoint)
            {
                json.WriteStartObject($"bytes_per_connection_{FirstCheckpoint}_to_{requested}");
                json.WriteNumber("managed", Math.Round((double)(atN.ManagedBytes - from.ManagedBytes) / (connected - FirstCheckpoint)));
                json.WriteNumber("rss", Math.Round((double)(atN.RssBytes - from.RssBytes) / (connected - FirstCheckpoint)));
                json.WriteNumber("rss_anon", Math.Round((double)(atN.RssAnonBytes - from.RssAnonBytes) / (connected - FirstCheckpoint)));
                json.WriteEndObject();
            }

            if (connected > 0)
            {
                json.WriteStartObject("bytes_per_connection_overall");
                json.WriteNumber("managed", Math.Round((double)(atN.ManagedBytes - zero.ManagedBytes) / connected));
                json.WriteNumber("rss", Math.Round((double)(atN.RssBytes - zero.RssBytes) / connected));
                json.WriteNumber("rss_anon", Math.Round((double)(atN.RssAnonBytes - zero.RssAnonBytes) / connected));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteReading(Utf8JsonWriter json, string name, Reading reading)
    {
        json.WriteStartObject(name);
        json.WriteNumber("managed_bytes", reading.ManagedBytes);
        json.WriteNumber("rss_bytes", reading.RssBytes);
        json.WriteNumber("rss_anon_bytes", reading.RssAnonBytes);
        json.WriteEndObject();
    }

    /// <summary>The managed heap after a full collection, and the process's resident set.</summary>
    internal readonly record struct Reading(long ManagedBytes, long RssBytes, long RssAnonBytes)
    {
        public static Reading Take()
        {
            // An aggressive collection also gives the heap's free space back to the OS, so RSS shows what is held.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            return new Reading(managed, ReadStatus("VmRSS:"), ReadStatus("RssAnon:"));
        }

        /// <summary>A <c>/proc/self/status</c> field (<c>VmRSS</c>, <c>RssAnon</c>) in bytes; 0 where there is no /proc.</summary>
        private static long ReadStatus(string field)
        {
            if (!File.Exists("/proc/self/status"))
            {
                return 0;
            }

            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kb = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }

            return 0;
        }
    }
}
