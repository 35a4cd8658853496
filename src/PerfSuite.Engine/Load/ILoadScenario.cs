namespace PerfSuite.Engine.Load;

/// <summary>
/// One entry of a suite's scenario catalog: a named run of one scenario or a weighted mix. A class implementing it with
/// a public parameterless constructor is found by <see cref="ScenarioCatalog.FromAssembly"/>, so adding a scenario to a
/// suite is one file (plus its budget).
/// </summary>
public interface ILoadScenario
{
    /// <summary>ASCII id for filters and folders: lower-case letters, digits and dashes, e.g. <c>csr-all</c>.</summary>
    string Id { get; }

    /// <summary>Display name and budget key, e.g. <c>CSR – All</c>.</summary>
    string Name { get; }

    /// <summary>Builds the flows of the run: one scenario, or several with weights.</summary>
    /// <returns>At least one scenario.</returns>
    IReadOnlyList<Scenario> Create();
}
