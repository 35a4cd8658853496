using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Http;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Benchmarks.Load;

/// <summary>
/// The engine's cost of one step of each kind, run by one long-lived virtual user through
/// <see cref="VirtualUser.RunFlowAsync"/> on a one-step flow (so each figure includes the flow's own bookkeeping,
/// which <see cref="Do_action_flow"/>, a flow of one no-op action, shows nearly alone). HTTP goes to a stub handler that answers at once.
/// </summary>
[Config(typeof(FastConfig))]
public class StepBenchmarks : IAsyncDisposable
{
    private VirtualUser _user = null!;
    private CompiledScenario _empty = null!;
    private CompiledScenario _think = null!;
    private CompiledScenario _setVariable = null!;
    private CompiledScenario _getCaptureCheck = null!;
    private CompiledScenario _custom = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The cheapest flow there is: one untimed Do action (a flow must have a step).
        var empty = Scenario.Create("empty").Do(static _ => { }).Build();

        // Think time scaled to zero: the step's own cost (draw, scale, a completed delay), not the wait.
        var think = Scenario.Create("think").Think(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)).Build();
        var setVariable = Scenario.Create("set").Add(new SetVariableStep("room", VariableValue.FromString("r1")), []).Build();
        var getCaptureCheck = Scenario.Create("get")
            .Get("/api/item", r => r.Expect(200).CheckJson("$.ok", true).Capture("$.id", "id"))
            .Build();
        var custom = Scenario.Create("custom").Step("custom", static (_, _) => Task.CompletedTask).Build();
        var scenarios = new[] { empty, think, setVariable, getCaptureCheck, custom };
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:18080"), scenarios, new LoadProfile("p", [new ConstantUsersPhase("c", TimeSpan.FromSeconds(1), 1)]))
        {
            HttpHandlerFactory = () => new StubJsonHandler(),
            ThinkTimeScale = 0,
        };
        var recorder = new RunRecorder([.. scenarios.Select(s => s.Name)]);
        _empty = Compile(empty, 0, recorder);
        _think = Compile(think, 1, recorder);
        _setVariable = Compile(setVariable, 2, recorder);
        _getCaptureCheck = Compile(getCaptureCheck, 3, recorder);
        _custom = Compile(custom, 4, recorder);
        _user = new VirtualUser(0, options, recorder, CancellationToken.None, CancellationToken.None);
    }

    [Benchmark(Baseline = true)]
    public Task<bool> Do_action_flow() => _user.RunFlowAsync(_empty, CancellationToken.None);

    [Benchmark]
    public Task<bool> Think_scaled_to_zero() => _user.RunFlowAsync(_think, CancellationToken.None);

    [Benchmark]
    public Task<bool> Set_variable() => _user.RunFlowAsync(_setVariable, CancellationToken.None);

    [Benchmark]
    public Task<bool> GET_with_check_and_JSON_capture() => _user.RunFlowAsync(_getCaptureCheck, CancellationToken.None);

    [Benchmark]
    public Task<bool> Custom_step_lambda() => _user.RunFlowAsync(_custom, CancellationToken.None);

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await _user.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static CompiledScenario Compile(Scenario scenario, int index, RunRecorder recorder) =>
        new(scenario, index, [.. scenario.Steps.Select(step => step.EndpointName is { } name ? recorder.RegisterEndpoint(index, name, step.EndpointKind) : -1)], []);
}
