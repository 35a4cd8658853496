using PerfSuite.Engine.Feeds;

namespace PerfSuite.Engine.Load;

/// <summary>
/// A built, immutable scenario flow: a name, a weight in the scenario mix, and steps. Start one with
/// <see cref="Create"/>, e.g. <c>Scenario.Create("CSR – Citizens").Get("/api/v1/citizens/").Build()</c>.
/// </summary>
public sealed class Scenario
{
    internal Scenario(string name, int weight, IReadOnlyList<FlowStep> steps, IReadOnlyDictionary<string, VariableValue> variables, IReadOnlyList<LoadedFeed> feeds)
    {
        Feeds = feeds;
        Name = name;
        Weight = weight;
        Steps = steps;
        Variables = variables;
    }

    /// <summary>Scenario name, e.g. <c>CSR – Create and delete appointments</c>.</summary>
    public string Name { get; }

    /// <summary>Relative weight in the scenario mix (&gt;= 1): each arrival picks a scenario with probability weight / Σ weights.</summary>
    public int Weight { get; }

    /// <summary>Endpoint names the flow records, in step order (e.g. <c>GET /api/v1/citizens/</c>).</summary>
    public IReadOnlyList<string> Endpoints => Steps.Select(s => s.EndpointName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Variables every run of the flow starts with.</summary>
    public IReadOnlyDictionary<string, VariableValue> Variables { get; }

    internal IReadOnlyList<FlowStep> Steps { get; }

    internal IReadOnlyList<LoadedFeed> Feeds { get; }

    internal bool UsesSocketIo => Steps.Any(s => s is SocketIo.SocketIoConnectStep);

    /// <summary>Starts a scenario builder.</summary>
    /// <param name="name">Scenario name; must not be empty.</param>
    /// <param name="weight">Relative weight in the mix; must be &gt;= 1.</param>
    public static ScenarioBuilder Create(string name, int weight = 1) => new(name, weight);

    /// <inheritdoc />
    public override string ToString() => $"{Name} (weight {Weight}, {Steps.Count} steps)";
}
