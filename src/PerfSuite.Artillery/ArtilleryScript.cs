using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Artillery;

/// <summary>
/// An Artillery script read into PerfSuite's terms: the flows as <see cref="Scenario"/>s, <c>config.phases</c> as a
/// <see cref="LoadProfile"/>, <c>config.ensure</c> as budget limits. Immutable; built by <see cref="ArtilleryScriptLoader"/>.
/// </summary>
public sealed record ArtilleryScript
{
    /// <summary>The profile name every imported plan carries (budgets files key imported runs by it).</summary>
    public const string ProfileName = "artillery";

    /// <summary>The script's file name without extension, e.g. <c>csr-test-all</c>: the run's name and its budget key.</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the script.</summary>
    public required string FilePath { get; init; }

    /// <summary><c>config.target</c>, templates resolved; <c>null</c> when the script sets none.</summary>
    public Uri? Target { get; init; }

    /// <summary><c>config.phases</c> as a load profile named <see cref="ProfileName"/>.</summary>
    public required LoadProfile Profile { get; init; }

    /// <summary>The scenarios, in script order, with their weights.</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>HTTP settings.</summary>
    public ArtilleryHttpSettings Http { get; init; } = new(null, null, false);

    /// <summary><c>config.ensure</c> as budget limits; <see cref="BudgetLimits.None"/> when the script has none.</summary>
    public BudgetLimits Ensure { get; init; } = BudgetLimits.None;

    /// <summary>The token hooks replaced by PerfSuite's token provider; empty when the script sends no token.</summary>
    public IReadOnlyList<ArtilleryHook> TokenHooks { get; init; } = [];

    /// <summary>Hooks skipped because <see cref="ArtilleryLoadOptions.IgnoreHooks"/> was set.</summary>
    public IReadOnlyList<ArtilleryHook> IgnoredHooks { get; init; } = [];

    /// <summary>Keys ignored as Artillery ignores them (and, in a dry run, unset environment variables), in file order.</summary>
    public IReadOnlyList<ArtilleryWarning> Warnings { get; init; } = [];

    /// <summary>What the import replaced or did differently from the script's text, one line each (e.g. <c>config.target replaced by --target</c>).</summary>
    public IReadOnlyList<string> Replacements { get; init; } = [];

    /// <summary>True when the script sends a token (it had a token hook).</summary>
    public bool UsesToken => TokenHooks.Count > 0;

    /// <summary>The budget of the whole run, or of one scenario of it, from <c>config.ensure</c>.</summary>
    /// <param name="scenario">Budget key: the script's <see cref="Name"/> or a scenario name.</param>
    /// <returns>The budget, profile <see cref="ProfileName"/>.</returns>
    public ScenarioBudget EnsureBudget(string scenario) => new(scenario, ProfileName, Ensure);

    /// <summary>What a run should print before it starts: replaced and skipped hooks.</summary>
    /// <returns>One line each.</returns>
    public IReadOnlyList<string> Notes() =>
        TokenHooks.Select(h => $"{h} replaced by PerfSuite's token provider (Authorization: Bearer and the oidc-jwt cookie)")
            .Concat(IgnoredHooks.Select(h => $"{h} skipped (its JavaScript is not run)"))
            .Concat(Replacements)
            .ToList();
}
