using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Settings;
using Xunit;

namespace PerfSuite.Xunit;

/// <summary>
/// Theory data for load tests: one row per selected profile, the profile name as the (serializable) argument and as the
/// <c>Profile</c> trait, so each profile is its own test case in <c>dotnet test</c> and can be filtered
/// (<c>--filter Profile=smoke</c>).
/// </summary>
public static class LoadTestRows
{
    /// <summary>The trait naming a row's profile.</summary>
    public const string ProfileTrait = "Profile";

    /// <summary>The trait naming a row's scenario (its name, as in the budgets file).</summary>
    public const string ScenarioTrait = "Scenario";

    /// <summary>The trait holding a row's ASCII scenario id, easy to type in <c>--filter "ScenarioId=csr-all"</c>.</summary>
    public const string ScenarioIdTrait = "ScenarioId";

    /// <summary>
    /// One row per scenario of <paramref name="catalog"/> and profile of <paramref name="profiles"/> (scenario-major), the
    /// arguments being the scenario id and the profile name, each with the <c>Scenario</c>, <c>ScenarioId</c> and
    /// <c>Profile</c> traits.
    /// </summary>
    /// <param name="catalog">The scenarios.</param>
    /// <param name="profiles">Profile names.</param>
    /// <returns>The rows.</returns>
    public static IEnumerable<TheoryDataRow<string, string>> ForCatalog(ScenarioCatalog catalog, IEnumerable<string> profiles)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(profiles);
        var selected = profiles.ToList();
        return catalog.Scenarios
            .SelectMany(entry => selected.Select(profile => new TheoryDataRow<string, string>(entry.Id, profile)
                .WithTrait(ScenarioTrait, entry.Name)
                .WithTrait(ScenarioIdTrait, entry.Id)
                .WithTrait(ProfileTrait, profile)))
            .ToList();
    }

    /// <summary>
    /// Rows of <see cref="ForCatalog"/> for the profiles <c>PERF_PROFILES</c> selects (default <paramref name="defaultProfile"/>).
    /// An invalid <c>PERF_PROFILES</c> does not throw here, where xUnit would show a reflection stack trace instead of the
    /// tests: the rows carry the names as given, and each test then fails with the fixture's one settings message.
    /// </summary>
    /// <param name="catalog">The scenarios.</param>
    /// <param name="validNames">The profiles the suite defines.</param>
    /// <param name="defaultProfile">The profile run when <c>PERF_PROFILES</c> is unset.</param>
    /// <returns>The rows.</returns>
    public static IEnumerable<TheoryDataRow<string, string>> FromEnvironment(ScenarioCatalog catalog, IReadOnlyCollection<string> validNames, string defaultProfile = "smoke") =>
        ForCatalog(catalog, SelectedProfiles(Environment.GetEnvironmentVariable(ProfileSelection.Variable), validNames, defaultProfile));

    /// <summary>The profiles a <c>PERF_PROFILES</c> value selects; an invalid value gives its names as written (never throws).</summary>
    /// <param name="value">The variable's value; <c>null</c> or blank for <paramref name="defaultProfile"/>.</param>
    /// <param name="validNames">The profiles the suite defines.</param>
    /// <param name="defaultProfile">The default profile.</param>
    /// <returns>The profile names for the theory rows.</returns>
    internal static IReadOnlyList<string> SelectedProfiles(string? value, IReadOnlyCollection<string> validNames, string defaultProfile)
    {
        try
        {
            return ProfileSelection.Parse(value, validNames, defaultProfile);
        }
        catch (ArgumentException)
        {
            // The fixture parses the same variable and fails every test with the message; the rows only need to exist.
            var written = value!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            return written.Count > 0 ? written : [value.Trim().Length > 0 ? value.Trim() : defaultProfile];
        }
    }

    /// <summary>One row per profile, in the given order.</summary>
    /// <param name="profiles">Profile names.</param>
    /// <returns>Rows whose single argument is the profile name.</returns>
    public static IEnumerable<TheoryDataRow<string>> ForProfiles(IEnumerable<string> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return profiles.Select(profile => new TheoryDataRow<string>(profile).WithTrait(ProfileTrait, profile)).ToList();
    }

    /// <summary>One row per profile selected by <c>PERF_PROFILES</c> (default <paramref name="defaultProfile"/>).</summary>
    /// <param name="validNames">The profiles the suite defines.</param>
    /// <param name="defaultProfile">The profile run when <c>PERF_PROFILES</c> is unset.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentException">An unknown profile name; the message names the variable, the value and the valid names.</exception>
    public static IEnumerable<TheoryDataRow<string>> FromEnvironment(IReadOnlyCollection<string> validNames, string defaultProfile = "smoke") =>
        ForProfiles(ProfileSelection.Parse(Environment.GetEnvironmentVariable(ProfileSelection.Variable), validNames, defaultProfile));
}
