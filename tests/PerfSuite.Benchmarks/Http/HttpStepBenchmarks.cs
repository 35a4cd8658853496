using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Benchmarks.Http;

/// <summary>
/// The engine's own cost per request: one flow of one GET run by a virtual user (request message, timeout, send,
/// drain the body, record), against a handler that answers at once. The handler's response is part of every figure.
/// </summary>
[Config(typeof(FastConfig))]
public class HttpStepBenchmarks : IAsyncDisposable
{
    private VirtualUser _user = null!;
    private CompiledScenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        var flow = Scenario.Create("load").Get("/index.html").Build();
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:18080"), [flow], new LoadProfile("p", [new ConstantUsersPhase("c", TimeSpan.FromSeconds(1), 1)]))
        {
            HttpHandlerFactory = () => new StubOkHandler(),
        };
        var recorder = new RunRecorder(["load"]);
        _scenario = new CompiledScenario(flow, 0, [recorder.RegisterEndpoint(0, flow.Endpoints[0], "http")], []);
        _user = new VirtualUser(0, options, recorder, CancellationToken.None, CancellationToken.None);
    }

    [Benchmark]
    public Task<bool> One_GET_flow() => _user.RunFlowAsync(_scenario, CancellationToken.None);

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await _user.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
