using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Settings;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

/// <summary>A load-test fixture with a two-profile suite (smoke, stress) that reads its variables from a dictionary instead of the process.</summary>
internal sealed class StubLoadTestFixture(IReadOnlyDictionary<string, string> variables) : LoadTestFixture
{
    public const string ScenarioName = "Stub – Reads";

    protected override IReadOnlyList<string> ProfileNames => ["smoke", "stress"];

    protected override IReadOnlyList<string> ScenarioNames => [ScenarioName];

    protected override Func<string, string?> ReadVariable => name => variables.GetValueOrDefault(name);

    protected override LoadTestProfile ResolveProfile(string name, PerfSettings settings) =>
        new(name, new LoadProfile(name, [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]));
}
