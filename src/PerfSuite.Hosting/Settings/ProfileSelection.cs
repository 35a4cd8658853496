namespace PerfSuite.Hosting.Settings;

/// <summary>Parses the comma-separated list of load profiles to run (<c>PERF_PROFILES</c>).</summary>
public static class ProfileSelection
{
    /// <summary>The environment variable that selects the profiles.</summary>
    public const string Variable = "PERF_PROFILES";

    /// <summary>
    /// The selected profile names, in the order given, without duplicates. Names are trimmed and compared exactly
    /// (lower case); empty items are ignored. An unset or blank value selects <paramref name="defaultProfile"/>.
    /// </summary>
    /// <param name="value">The variable's value, e.g. <c>smoke,seed-load</c>; <c>null</c> when unset.</param>
    /// <param name="validNames">The profiles the suite defines, e.g. <c>smoke, seed-load, stress</c>.</param>
    /// <param name="defaultProfile">The profile run when nothing is selected; must be one of <paramref name="validNames"/>.</param>
    /// <returns>At least one valid profile name.</returns>
    /// <exception cref="ArgumentException">A name is not valid; the message names the variable, its value, every unknown name and the valid names.</exception>
    public static IReadOnlyList<string> Parse(string? value, IReadOnlyCollection<string> validNames, string defaultProfile = "smoke")
    {
        ArgumentNullException.ThrowIfNull(validNames);
        var names = (value ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            names.Add(defaultProfile);
        }

        var unknown = names.Where(n => !validNames.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"{Variable}='{value}' names unknown load profile(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; "
                + $"valid profiles: {string.Join(", ", validNames)} (comma-separated, e.g. {Variable}={string.Join(",", validNames.Take(2))}).",
                nameof(value));
        }

        return names;
    }
}
