using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using SocketIOClient;
using SocketIOClient.Transport;

namespace PerfSuite.Lab.SocketIo;

/// <summary>
/// <c>socketio-connect [count] [base url]</c>: connects <c>count</c> times (default 200) one after another with
/// SocketIOClient 3.0.6, with PerfSuite's lean client and, when installed, with python-socketio's client, and prints
/// connect latency. Without a base URL it launches the embedded reference API (one gunicorn + eventlet worker).
/// A console mode rather than a BenchmarkDotNet class: each connect is a network round trip to a separate server process,
/// and the question is the latency distribution as a load test would see it, not the client's CPU cost in isolation.
/// </summary>
internal static class SocketIoConnectComparison
{
    private const string SocketIoPath = "/api/v1/socket.io";


    public static readonly Argument<string?> Count = new("COUNT") { Description = "sequential connects per client (default 200)", Arity = ArgumentArity.ZeroOrOne };

    public static readonly Argument<string?> BaseUrl = new("BASE_URL") { Description = "a loopback server (default: the embedded reference API)", Arity = ArgumentArity.ZeroOrOne };

    /// <summary>The command and its arguments.</summary>
    public static Command Create() =>
        new Command("socketio-connect", "connect latency of Socket.IO clients against the reference API (or a loopback URL)") { Count, BaseUrl }
            .WithHandler(RunAsync, ExitCodes.Table);

    private static async Task<int> RunAsync(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Bind(parsed, out var problem) is not { } arguments)
        {
            await error.WriteLineAsync($"socketio-connect: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync(CliTool.Usage(parsed)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (arguments.BaseUri is { } baseUri)
        {
            return await CompareAsync(baseUri, arguments.Count);
        }

        await using var api = new QueueApiBuilder().Build();
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(TimeSpan.FromSeconds(60));
        await api.StartAsync(startup.Token);
        return await CompareAsync(api.BaseUri, arguments.Count);
    }

    private static (int Count, Uri? BaseUri)? Bind(ParseResult parsed, out string? problem)
    {
        problem = null;
        if (parsed.Errors.Count > 0)
        {
            problem = CliTool.Problem(parsed);
            return null;
        }

        var countText = parsed.GetValue(Count);
        var urlText = parsed.GetValue(BaseUrl);
        if (countText is not null && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1))
        {
            problem = $"COUNT must be a whole number >= 1 (was '{countText}')";
            return null;
        }

        if (urlText is not null && (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || !url.IsLoopback))
        {
            problem = $"BASE_URL must be an http(s) URL on a loopback host (was '{urlText}')";
            return null;
        }

        return (countText is null ? 200 : int.Parse(countText, CultureInfo.InvariantCulture), urlText is null ? null : new Uri(urlText));
    }

    private static async Task<int> CompareAsync(Uri baseUri, int count)
    {
        var token = await ReferenceApiToken.TryFetchAsync(baseUri)
            ?? throw new InvalidOperationException($"The reference API at {baseUri} gave no access token for csr1.");
        Console.WriteLine($"Socket.IO connect latency, {count} sequential connects to {baseUri.GetLeftPart(UriPartial.Authority)}{SocketIoPath}");
        Console.WriteLine("client                       p50 ms   p95 ms  mean ms   max ms  alloc KB/connect");

        // Warm both clients (JIT, first TCP connect) before measuring.
        await MeasureAsync("warm-up", 20, () => ConnectSocketIoClientAsync(baseUri, token, untilReturn: false), print: false);
        await MeasureAsync("warm-up", 20, () => ConnectLeanAsync(baseUri, token), print: false);
        await MeasureAsync("SocketIOClient, OnConnected", count, () => ConnectSocketIoClientAsync(baseUri, token, untilReturn: false), print: true);
        await MeasureAsync("SocketIOClient, returned", count, () => ConnectSocketIoClientAsync(baseUri, token, untilReturn: true), print: true);
        await MeasureAsync("PerfSuite SocketIoClient", count, () => ConnectLeanAsync(baseUri, token), print: true);
        Console.WriteLine($"{"python-socketio 5.7 (ws)",-27} {await PythonReferenceAsync(baseUri, token, count)}");
        return 0;
    }

    /// <summary>python-socketio's client as the reference; the script prints "p50 p95 mean max" in milliseconds.</summary>
    private static async Task<string> PythonReferenceAsync(Uri baseUri, string token, int count)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "SocketIo", "python_socketio_connect.py");
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { script, baseUri.GetLeftPart(UriPartial.Authority), token, count.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            var output = python.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = python.StandardError.ReadToEndAsync(timeout.Token);
            await python.WaitForExitAsync(timeout.Token);
            if (python.ExitCode != 0)
            {
                return "not measured: " + (await errors).Trim().Split('\n')[^1];
            }

            var columns = (await output).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(column => double.Parse(column, CultureInfo.InvariantCulture)).ToArray();
            return string.Create(CultureInfo.InvariantCulture, $"{columns[0],8:F2} {columns[1],8:F2} {columns[2],8:F2} {columns[3],8:F2} {"n/a",17}");
        }
        catch (OperationCanceledException)
        {
            python.Kill(entireProcessTree: true);
            return "not measured: python-socketio did not finish within 2 minutes";
        }
    }

    private static async Task MeasureAsync(string name, int count, Func<Task<TimeSpan>> connectOnce, bool print)
    {
        var samples = new double[count];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < count; i++)
        {
            samples[i] = (await connectOnce()).TotalMilliseconds;
        }

        var allocatedKb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / count;
        if (print)
        {
            Array.Sort(samples);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-27} {Percentile(samples, 50),8:F2} {Percentile(samples, 95),8:F2} {samples.Average(),8:F2} {samples[^1],8:F2} {allocatedKb,17:F1}"));
        }
    }

    /// <summary>
    /// SocketIOClient 3.0.6 over websocket, timed from the call to its OnConnected event (the CONNECT ack arrived), or
    /// with <paramref name="untilReturn"/> to the return of ConnectAsync, which is what a step awaiting it measures.
    /// </summary>
    private static async Task<TimeSpan> ConnectSocketIoClientAsync(Uri baseUri, string token, bool untilReturn)
    {
        var client = new SocketIOClient.SocketIO(baseUri, new SocketIOOptions
        {
            Path = SocketIoPath,
            Transport = TransportProtocol.WebSocket,
            Reconnection = false,
            ExtraHeaders = new Dictionary<string, string> { ["Cookie"] = $"oidc-jwt={token}" },
        });
        var connected = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnConnected += (_, _) => connected.TrySetResult(Stopwatch.GetTimestamp());
        client.OnError += (_, error) => connected.TrySetException(new InvalidOperationException(error));
        var started = Stopwatch.GetTimestamp();
        await client.ConnectAsync();
        var returned = Stopwatch.GetTimestamp();
        var connectedAt = await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var elapsed = Stopwatch.GetElapsedTime(started, untilReturn ? Math.Max(returned, connectedAt) : connectedAt);

        // 3.0.6 throws from Dispose unless disconnected first, and leaves the websocket open otherwise.
        await client.DisconnectAsync();
        client.Dispose();
        return elapsed;
    }

    private static async Task<TimeSpan> ConnectLeanAsync(Uri baseUri, string token)
    {
        var options = new SocketIoConnectOptions(baseUri, SocketIoPath)
        {
            Cookies = new Dictionary<string, string> { ["oidc-jwt"] = token },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var started = Stopwatch.GetTimestamp();
        var connection = await PerfSuite.Engine.SocketIo.SocketIoClient.ConnectAsync(options, timeout.Token);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await connection.DisposeAsync();
        return elapsed;
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
