using PerfSuite.Engine.Feeds;

namespace PerfSuite.Engine.Load;

/// <summary>
/// A scenario prepared for one run: its index, each step's endpoint id, resolved once before the run, and one cursor
/// per feed (shared by the scenarios of the run that use the same <see cref="DataFeed"/>).
/// </summary>
internal sealed record CompiledScenario(Scenario Scenario, int Index, IReadOnlyList<int> EndpointIds, IReadOnlyList<FeedCursor> FeedCursors)
{
    public IReadOnlyList<FlowStep> Steps => Scenario.Steps;
}
