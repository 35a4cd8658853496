using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Http;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Benchmarks.Load;

/// <summary>
/// The engine's cost of one open-model arrival, as <c>ArrivalScheduler</c> runs it: count the user in, create a
/// <see cref="VirtualUser"/>, run a one-GET flow (its handler made by <see cref="LoadRunOptions.HttpHandlerFactory"/>, a
/// stub that answers at once), dispose the user, count it out. The stub's response objects are part of the figure.
/// </summary>
[Config(typeof(FastConfig))]
public class ArrivalBenchmarks
{
    private LoadRunOptions _options = null!;
    private RunRecorder _recorder = null!;
    private CompiledScenario _scenario = null!;
    private int _number;

    [GlobalSetup]
    public void Setup()
    {
        var flow = Scenario.Create("arrival").Get("/index.html").Build();
        _options = new LoadRunOptions(new Uri("http://127.0.0.1:18080"), [flow], new LoadProfile("p", [new ArrivalPhase("a", TimeSpan.FromSeconds(1), 1)]))
        {
            HttpHandlerFactory = () => new StubOkHandler(),
        };
        _recorder = new RunRecorder(["arrival"]);
        _scenario = new CompiledScenario(flow, 0, [_recorder.RegisterEndpoint(0, flow.Endpoints[0], "http")], []);
    }

    [Benchmark]
    public async Task<bool> One_arrival_one_GET()
    {
        _recorder.UserStarted(0, warmUp: false);
        var user = new VirtualUser(_number++, _options, _recorder, CancellationToken.None, CancellationToken.None) { ScenarioIndex = 0 };
        var ok = false;
        try
        {
            ok = await user.RunFlowAsync(_scenario, CancellationToken.None);
        }
        finally
        {
            await user.DisposeAsync();
            _recorder.UserEnded(0, warmUp: false, failed: !ok);
        }

        return ok;
    }
}
