using System.Reflection;
using PerfSuite.Artillery;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace PerfSuite.Xunit.Artillery;

/// <summary>
/// Theory data from an Artillery script: one row per scenario of the script, as
/// <c>(string script, string scenario, string envFile)</c>, with the traits <c>Scenario</c>, <c>Profile</c>
/// (<c>artillery</c>) and <c>Script</c>. The script is read when tests are discovered, so a script that cannot run fails
/// there, with every problem's file, line, column and key, before any load. Run a row with
/// <see cref="ArtilleryLoadFixture.RunAndAssertAsync(string, string, string)"/>.
/// </summary>
/// <example><c>[Theory, ArtilleryScenarios("loadtests/csr-test-all.yaml")]</c></example>
/// <param name="script">The script, relative to the test assembly's folder (copy it to the output) or absolute.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ArtilleryScenariosAttribute(string script) : DataAttribute
{
    /// <summary>The script path as given.</summary>
    public string Script { get; } = script;

    /// <summary>
    /// An env file (<c>NAME=VALUE</c> lines, as the users' <c>envs.sh</c>) for <c>{{ $processEnvironment.NAME }}</c>, relative
    /// like <see cref="Script"/>; the process environment wins over it. Empty: the process environment only.
    /// </summary>
    public string EnvFile { get; set; } = string.Empty;

    /// <inheritdoc />
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var loaded = ArtilleryLoadFixture.LoadScript(Script, EnvFile, null);
        IReadOnlyCollection<ITheoryDataRow> rows = loaded.Scenarios
            .Select(s => (ITheoryDataRow)new TheoryDataRow<string, string, string>(Script, s.Name, EnvFile)
                .WithTrait(LoadTestRows.ScenarioTrait, s.Name)
                .WithTrait(LoadTestRows.ProfileTrait, ArtilleryScript.ProfileName)
                .WithTrait("Script", loaded.Name))
            .ToList();
        return ValueTask.FromResult(rows);
    }

    /// <inheritdoc />
    public override bool SupportsDiscoveryEnumeration() => true;
}
