using PerfSuite.Engine.Load;

namespace MyApi.PerfTests.Scenarios;

/// <summary>An HTTP scenario: GET the service's root twice with a short think time. Change the paths to your API's.</summary>
public sealed class Health : ILoadScenario
{
    /// <inheritdoc />
    public string Id => "health";

    /// <inheritdoc />
    public string Name => "Health";

    /// <inheritdoc />
    public IReadOnlyList<Scenario> Create() =>
    [
        Scenario.Create(Name)
            .Get("/", r => r.Expect(200))
            .Think(TimeSpan.FromMilliseconds(200))
            .Get("/", r => r.Expect(200))
            .Build(),
    ];
}
