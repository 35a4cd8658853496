using PerfSuite.Artillery;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Reporting.Thresholds;
using Xunit;

namespace PerfSuite.Xunit.Artillery;

/// <summary>
/// A load-test fixture for Artillery scripts: the target of <see cref="LoadTestFixture"/> (<c>PERF_TARGET</c> under its
/// loopback rule, or <c>PERF_TARGET_IMAGE</c>; a script's <c>config.target</c> is not used), its token provider in place
/// of the script's token hook, and each script scenario run with the script's phases and gated on its <c>ensure</c>
/// (or on a budgets-file entry for the scenario and profile <c>artillery</c>, when there is one).
/// </summary>
public class ArtilleryLoadFixture : LoadTestFixture
{
    /// <summary>Options for reading scripts (token hook names, whether to ignore other hooks); the environment is set per script.</summary>
    protected virtual ArtilleryLoadOptions ScriptOptions => new();

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProfileNames => BudgetFile.DefaultProfiles;

    /// <inheritdoc />
    protected override IReadOnlyList<string> ScenarioNames => [];

    /// <summary>Reads a script the way the rows and the runs read it.</summary>
    /// <param name="script">The script, relative to the test assembly's folder or absolute.</param>
    /// <param name="envFile">An env file, relative likewise; empty for none.</param>
    /// <param name="options">Hook handling; <c>null</c> for the defaults.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArtilleryScriptException">The script cannot run.</exception>
    public static ArtilleryScript LoadScript(string script, string envFile, ArtilleryLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        var file = string.IsNullOrEmpty(envFile) ? null : ArtilleryEnvFile.Read(Resolve(envFile));
        return ArtilleryScriptLoader.Load(Resolve(script), (options ?? new ArtilleryLoadOptions()) with
        {
            Environment = name => Environment.GetEnvironmentVariable(name) ?? (file is not null && file.TryGetValue(name, out var value) ? value : null),
        });
    }

    /// <summary>Runs one scenario of a script (one row of <see cref="ArtilleryScenariosAttribute"/>) and asserts its budget.</summary>
    /// <param name="script">The row's script.</param>
    /// <param name="scenario">The row's scenario name.</param>
    /// <param name="envFile">The row's env file (empty for none).</param>
    /// <returns>The result, after the budget assertion passed.</returns>
    public async Task<LoadTestResult> RunAndAssertAsync(string script, string scenario, string envFile)
    {
        var session = Session;
        var loaded = LoadScript(script, envFile, ScriptOptions);
        var flow = loaded.Scenarios.FirstOrDefault(s => s.Name == scenario)
            ?? throw new ArgumentException($"{loaded.FilePath} has no scenario '{scenario}'; it has {string.Join(", ", loaded.Scenarios.Select(s => $"'{s.Name}'"))}.", nameof(scenario));
        foreach (var note in loaded.Notes())
        {
            TestContext.Current.SendDiagnosticMessage($"artillery: {note}");
        }

        var budget = session.Budgets.TryFor(scenario, ArtilleryScript.ProfileName, out var fromFile) ? fromFile : loaded.EnsureBudget(scenario);
        var profile = new LoadTestProfile(ArtilleryScript.ProfileName, loaded.Profile);
        var result = await RunAsync(new LoadTestRun(scenario, [flow], profile)
        {
            Budget = budget,
            Configure = options => options with
            {
                TokenProvider = loaded.UsesToken ? session.Tokens : NoTokenProvider.Instance,
                RequestTimeout = loaded.Http.RequestTimeout ?? options.RequestTimeout,
                MaxSockets = loaded.Http.MaxSockets ?? options.MaxSockets,
            },
        }).ConfigureAwait(false);
        result.AssertBudget();
        return result;
    }

    /// <inheritdoc />
    protected override LoadTestProfile ResolveProfile(string name, PerfSettings settings) =>
        throw new InvalidOperationException($"{nameof(ArtilleryLoadFixture)} runs scripts with their own phases; use RunAndAssertAsync(script, scenario, envFile).");

    private static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}
