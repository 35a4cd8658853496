namespace PerfSuite.Engine.Load;

/// <summary>A scenario prepared for one run: its index and each step's endpoint id, resolved once before the run.</summary>
internal sealed record CompiledScenario(Scenario Scenario, int Index, IReadOnlyList<int> EndpointIds)
{
    public IReadOnlyList<FlowStep> Steps => Scenario.Steps;
}
