namespace PerfSuite.Reporting.Thresholds;

/// <summary>
/// The budgets of every scenario under every load profile, read from a reviewable JSON file
/// (format: <c>docs/budgets.md</c>). Loading validates the whole file and reports every problem at once,
/// so a typo fails the suite before any load is sent.
/// </summary>
public sealed class BudgetFile
{
    /// <summary>The only <c>version</c> this loader reads.</summary>
    public const int SupportedVersion = 1;

    private readonly IReadOnlyList<ScenarioBudget> _budgets;

    private BudgetFile(string filePath, IReadOnlyList<ScenarioBudget> budgets)
    {
        FilePath = filePath;
        _budgets = budgets;
    }

    /// <summary>Load profile names accepted when the caller names none: <c>smoke</c>, <c>seed-load</c>, <c>stress</c>.</summary>
    public static IReadOnlyList<string> DefaultProfiles { get; } = ["smoke", "seed-load", "stress"];

    /// <summary>No budgets file: every run brings its own budget (e.g. an Artillery script's <c>ensure</c>).</summary>
    /// <param name="description">What stands in messages in place of a file name, e.g. <c>the script's ensure</c>.</param>
    /// <returns>An empty set of budgets.</returns>
    public static BudgetFile None(string description) => new(description, []);

    /// <summary>The file as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>Every budget in file order.</summary>
    public IReadOnlyList<ScenarioBudget> Budgets => _budgets;

    /// <summary>Reads and validates a budgets file.</summary>
    /// <param name="path">The file, e.g. <c>scenarios/budgets.json</c>; messages name it as given.</param>
    /// <param name="profiles">Accepted profile names (typo protection); <see cref="DefaultProfiles"/> when null.</param>
    /// <returns>The budgets.</returns>
    /// <exception cref="BudgetFileException">The file is missing, not JSON, or breaks any rule; lists every problem.</exception>
    public static BudgetFile Load(string path, IReadOnlyCollection<string>? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new BudgetFileException(path, [$"{path}: file not found (looked at {Path.GetFullPath(path)})"]);
        }

        return Parse(File.ReadAllText(path), path, profiles);
    }

    /// <summary>Validates budgets given as JSON text.</summary>
    /// <param name="json">The file content.</param>
    /// <param name="filePath">The name used in messages.</param>
    /// <param name="profiles">Accepted profile names; <see cref="DefaultProfiles"/> when null.</param>
    /// <returns>The budgets.</returns>
    /// <exception cref="BudgetFileException">The text is not JSON or breaks any rule; lists every problem.</exception>
    public static BudgetFile Parse(string json, string filePath, IReadOnlyCollection<string>? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(filePath);
        var parser = new BudgetFileParser(filePath, profiles ?? DefaultProfiles);
        var parsed = parser.Parse(json);
        if (parser.Problems.Count > 0)
        {
            throw new BudgetFileException(filePath, parser.Problems);
        }

        return new BudgetFile(filePath, parsed);
    }

    /// <summary>The budget of a scenario under a profile.</summary>
    /// <param name="scenario">Scenario name, exactly as in the file.</param>
    /// <param name="profile">Profile name, e.g. <c>smoke</c>.</param>
    /// <returns>The budget.</returns>
    /// <exception cref="BudgetFileException">The file has no such budget; the message lists what it has.</exception>
    public ScenarioBudget For(string scenario, string profile)
    {
        if (TryFor(scenario, profile, out var budget))
        {
            return budget;
        }

        var ofScenario = _budgets.Where(b => b.Scenario == scenario).Select(b => b.Profile).ToList();
        var problem = ofScenario.Count > 0
            ? $"{FilePath}: scenario '{scenario}' has no '{profile}' budget (it has: {string.Join(", ", ofScenario)})"
            : $"{FilePath}: no budget for scenario '{scenario}' (scenarios: {string.Join(", ", _budgets.Select(b => $"'{b.Scenario}'").Distinct())})";
        throw new BudgetFileException(FilePath, [problem]);
    }

    /// <summary>Looks up the budget of a scenario under a profile.</summary>
    /// <param name="scenario">Scenario name, exactly as in the file.</param>
    /// <param name="profile">Profile name.</param>
    /// <param name="budget">The budget when found.</param>
    /// <returns>True when found.</returns>
    public bool TryFor(string scenario, string profile, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScenarioBudget? budget)
    {
        budget = _budgets.FirstOrDefault(b => b.Scenario == scenario && b.Profile == profile);
        return budget is not null;
    }
}
