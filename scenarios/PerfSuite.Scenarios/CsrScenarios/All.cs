using PerfSuite.Engine.Load;

namespace PerfSuite.Scenarios.CsrScenarios;

/// <summary>CSR – All: the users' combined plan, the three CSR flows in one run with equal weights.</summary>
public sealed class All : ILoadScenario
{
    /// <summary>ASCII id for <c>--filter "ScenarioId=csr-all"</c> and report folders.</summary>
    public const string Id = "csr-all";

    /// <inheritdoc />
    string ILoadScenario.Id => Id;

    /// <inheritdoc />
    string ILoadScenario.Name => Name;

    /// <summary>Name of the mixed run, as in <c>scenarios/budgets.json</c> and the reports.</summary>
    public const string Name = "CSR – All";

    /// <summary>The three CSR flows, weight 1 each: every arrival picks one of them with probability 1/3.</summary>
    /// <returns>The scenarios of the mix.</returns>
    public static IReadOnlyList<Scenario> Create() =>
        [LoginLoadDataIdle.Create(weight: 1), CreateAndDeleteAppointments.Create(weight: 1), Websockets.Create(weight: 1)];

    /// <inheritdoc />
    IReadOnlyList<Scenario> ILoadScenario.Create() => Create();
}
