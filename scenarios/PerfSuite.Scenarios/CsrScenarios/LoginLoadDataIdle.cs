using PerfSuite.Engine.Load;

namespace PerfSuite.Scenarios.CsrScenarios;

/// <summary>CSR – Login, load data, idle: a CSR opens the app, the browser loads the reference lists, the CSR reads them.</summary>
public sealed class LoginLoadDataIdle : ILoadScenario
{
    /// <summary>ASCII id for <c>--filter "ScenarioId=csr-login-load-data-idle"</c> and report folders.</summary>
    public const string Id = "csr-login-load-data-idle";

    /// <inheritdoc />
    string ILoadScenario.Id => Id;

    /// <inheritdoc />
    string ILoadScenario.Name => Name;

    /// <summary>Scenario name, as in <c>scenarios/budgets.json</c> and the reports.</summary>
    public const string Name = "CSR – Login, load data, idle";

    /// <summary>Builds the flow: the six data loads, then think 5 s (scaled by the profile).</summary>
    /// <param name="weight">Weight in a mix (&gt;= 1); 1 when run alone.</param>
    /// <returns>The scenario.</returns>
    public static Scenario Create(int weight = 1) =>
        Scenario.Create(Name, weight)
            .LoadCsrData()
            .Think(TimeSpan.FromSeconds(5))
            .Build();

    /// <inheritdoc />
    IReadOnlyList<Scenario> ILoadScenario.Create() => [Create()];
}
