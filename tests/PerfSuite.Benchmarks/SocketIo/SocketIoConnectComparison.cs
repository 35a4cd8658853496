using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PerfSuite.Fixtures.SocketIo;
using SocketIOClient;
using SocketIOClient.Transport;

namespace PerfSuite.Benchmarks.SocketIo;

/// <summary>
/// <c>socketio-connect &lt;base url&gt; [count]</c>: connects <c>count</c> times (default 200) one after another with
/// SocketIOClient 3.0.6 and with PerfSuite's lean client against a running reference API, and prints connect latency.
/// A console mode rather than a BenchmarkDotNet class: each connect is a network round trip to a separate server process,
/// and the question is the latency distribution as a load test would see it, not the client's CPU cost in isolation.
/// </summary>
internal static class SocketIoConnectComparison
{
    private const string SocketIoPath = "/api/v1/socket.io";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var baseUri))
        {
            await Console.Error.WriteLineAsync("usage: socketio-connect <base url, e.g. http://127.0.0.1:5000> [count]");
            return 2;
        }

        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var token = await FetchTokenAsync(baseUri);
        Console.WriteLine($"Socket.IO connect latency, {count} sequential connects to {baseUri.GetLeftPart(UriPartial.Authority)}{SocketIoPath}");
        Console.WriteLine("client                      p50 ms   p95 ms  mean ms   max ms  alloc KB/connect");

        // Warm both clients (JIT, first TCP connect) before measuring.
        await MeasureAsync("warm-up", 20, () => ConnectSocketIoClientAsync(baseUri, token), print: false);
        await MeasureAsync("warm-up", 20, () => ConnectLeanAsync(baseUri, token), print: false);
        await MeasureAsync("SocketIOClient 3.0.6 (ws)", count, () => ConnectSocketIoClientAsync(baseUri, token), print: true);
        await MeasureAsync("PerfSuite SocketIoClient", count, () => ConnectLeanAsync(baseUri, token), print: true);
        return 0;
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
                $"{name,-26} {Percentile(samples, 50),8:F2} {Percentile(samples, 95),8:F2} {samples.Average(),8:F2} {samples[^1],8:F2} {allocatedKb,17:F1}"));
        }
    }

    /// <summary>Timed from the call to the OnConnected event, as a scenario using SocketIOClient would see it.</summary>
    private static async Task<TimeSpan> ConnectSocketIoClientAsync(Uri baseUri, string token)
    {
        var client = new SocketIOClient.SocketIO(baseUri, new SocketIOOptions
        {
            Path = SocketIoPath,
            Transport = TransportProtocol.WebSocket,
            Reconnection = false,
            ExtraHeaders = new Dictionary<string, string> { ["Cookie"] = $"oidc-jwt={token}" },
        });
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnConnected += (_, _) => connected.TrySetResult();
        client.OnError += (_, error) => connected.TrySetException(new InvalidOperationException(error));
        var started = Stopwatch.GetTimestamp();
        await client.ConnectAsync();
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var elapsed = Stopwatch.GetElapsedTime(started);

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
        var connection = await PerfSuite.Fixtures.SocketIo.SocketIoClient.ConnectAsync(options, timeout.Token);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await connection.DisposeAsync();
        return elapsed;
    }

    private static async Task<string> FetchTokenAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "csr1",
            ["password"] = "csr1-password",
            ["client_id"] = "queue-web",
        });
        using var response = await http.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException("The token response has no access_token.");
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
