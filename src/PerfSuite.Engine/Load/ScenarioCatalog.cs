using System.Reflection;
using System.Text.RegularExpressions;

namespace PerfSuite.Engine.Load;

/// <summary>
/// The scenarios a suite runs, each with a unique ASCII <see cref="ILoadScenario.Id"/> and a unique name. Built from a
/// list or found in an assembly; validated when built, so a duplicate or a bad id fails before any load.
/// </summary>
public sealed partial class ScenarioCatalog
{
    private readonly Dictionary<string, ILoadScenario> _byId;

    /// <summary>Creates a catalog of <paramref name="scenarios"/>, in that order.</summary>
    /// <param name="scenarios">The entries.</param>
    /// <exception cref="ArgumentException">An empty list, an id that is not lower-case ASCII (<c>[a-z0-9-]</c>), or a duplicate id or name; the message names each.</exception>
    public ScenarioCatalog(IEnumerable<ILoadScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        Scenarios = scenarios.ToList();
        var problems = new List<string>();
        if (Scenarios.Count == 0)
        {
            problems.Add("the catalog has no scenario");
        }

        foreach (var entry in Scenarios)
        {
            if (entry.Id is null || !IdPattern().IsMatch(entry.Id))
            {
                problems.Add($"scenario '{entry.Name}' ({entry.GetType().Name}): id must be lower-case ASCII letters, digits and dashes, e.g. 'csr-all' (was '{entry.Id}')");
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                problems.Add($"scenario '{entry.Id}' ({entry.GetType().Name}): name must not be empty");
            }
        }

        problems.AddRange(Scenarios.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"scenario id '{g.Key}' is used by {string.Join(" and ", g.Select(s => s.GetType().Name))} (each scenario needs an id of its own)"));
        problems.AddRange(Scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"scenario name '{g.Key}' is used by {string.Join(" and ", g.Select(s => s.GetType().Name))} (each scenario needs a name of its own)"));
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid scenario catalog: " + string.Join("; ", problems), nameof(scenarios));
        }

        _byId = Scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The entries, in catalog order.</summary>
    public IReadOnlyList<ILoadScenario> Scenarios { get; }

    /// <summary>Every scenario name (the budget keys), in catalog order.</summary>
    public IReadOnlyList<string> Names => Scenarios.Select(s => s.Name).ToList();

    /// <summary>
    /// Every public, non-abstract class of <paramref name="assembly"/> that implements <see cref="ILoadScenario"/> and has a
    /// public parameterless constructor, ordered by id.
    /// </summary>
    /// <param name="assembly">The assembly holding the scenarios.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">See the constructor.</exception>
    public static ScenarioCatalog FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var entries = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILoadScenario).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ILoadScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Id, StringComparer.Ordinal);
        return new ScenarioCatalog(entries);
    }

    /// <summary>The entry with id <paramref name="idOrName"/>, or else with that name.</summary>
    /// <param name="idOrName">An id (<c>csr-all</c>) or a name (<c>CSR – All</c>).</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException">No such scenario; the message lists the known ids.</exception>
    public ILoadScenario Get(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return _byId.TryGetValue(idOrName, out var entry)
            ? entry
            : Scenarios.FirstOrDefault(s => string.Equals(s.Name, idOrName, StringComparison.Ordinal))
              ?? throw new ArgumentException($"Unknown scenario '{idOrName}'; known scenarios: {string.Join(", ", Scenarios.Select(s => $"{s.Id} ({s.Name})"))}.", nameof(idOrName));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
