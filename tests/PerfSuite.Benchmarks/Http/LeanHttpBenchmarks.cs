using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Benchmarks.Http;

/// <summary>
/// The engine's own HTTP/1.1 client (the default transport for <c>http://</c>) over real loopback TCP: one GET by a user
/// whose keep-alive connection is open, and one open-model arrival (new user, connect, GET, close). The server is a
/// minimal in-process responder (a fixed 200 with a 17-byte body, no allocation per request), so the time includes its
/// share and the kernel's; the allocation figure is the client's.
/// </summary>
[Config(typeof(FastConfig))]
public class LeanHttpBenchmarks : IDisposable
{
    private static readonly byte[] Response = "HTTP/1.1 200 OK\r\nContent-Length: 17\r\nContent-Type: text/plain\r\n\r\nhello from nginx\n"u8.ToArray();
    private readonly CancellationTokenSource _stop = new();
    private Socket _listener = null!;
    private LoadRunOptions _options = null!;
    private RunRecorder _recorder = null!;
    private CompiledScenario _scenario = null!;
    private VirtualUser _user = null!;
    private int _number;

    [GlobalSetup]
    public void Setup()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        _ = AcceptAsync();
        var flow = Scenario.Create("lean").Get("/index.html").Build();
        var port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _options = new LoadRunOptions(new Uri($"http://127.0.0.1:{port}"), [flow], new LoadProfile("p", [new ArrivalPhase("a", TimeSpan.FromSeconds(1), 1)]));
        _recorder = new RunRecorder(["lean"]);
        _scenario = new CompiledScenario(flow, 0, [_recorder.RegisterEndpoint(0, flow.Endpoints[0], "http")], []);
        _user = new VirtualUser(_number++, _options, _recorder, CancellationToken.None, CancellationToken.None) { ScenarioIndex = 0 };
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _user.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task<bool> One_GET_on_a_kept_connection() => _user.RunFlowAsync(_scenario, CancellationToken.None);

    [Benchmark]
    public async Task<bool> One_arrival_new_connection()
    {
        var user = new VirtualUser(_number++, _options, _recorder, CancellationToken.None, CancellationToken.None) { ScenarioIndex = 0 };
        try
        {
            return await user.RunFlowAsync(_scenario, CancellationToken.None);
        }
        finally
        {
            await user.DisposeAsync();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var buffer = new byte[4096];
        using (client)
        {
            try
            {
                var filled = 0;
                while (true)
                {
                    var read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    int end;
                    while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                    {
                        await client.SendAsync(Response, SocketFlags.None, _stop.Token);
                        buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                        filled -= end + 4;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The benchmark ends.
            }
        }
    }
}
