using System.Globalization;
using System.Text;

namespace PerfSuite.Hosting.Settings;

/// <summary>
/// Where a load test's reports go: <c>&lt;artifacts&gt;/perf/&lt;run-id&gt;/&lt;scenario-slug&gt;-&lt;profile&gt;/</c>, with
/// <c>&lt;artifacts&gt;</c> the <c>artifacts</c> folder at the repository root unless <c>PERF_ARTIFACTS</c> names another.
/// </summary>
public static class ArtifactPaths
{
    /// <summary>The file that marks the repository root.</summary>
    public const string RepositoryMarker = "PerfSuite.sln";

    /// <summary>The nearest folder at or above <paramref name="startDirectory"/> that contains <paramref name="marker"/>.</summary>
    /// <param name="startDirectory">Where to start, e.g. <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="marker">File name that marks the root.</param>
    /// <returns>The folder, or <c>null</c> when no parent has the marker (e.g. a published copy of the tests).</returns>
    public static string? FindRepositoryRoot(string startDirectory, string marker = RepositoryMarker)
    {
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, marker)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// The nearest folder at or above <paramref name="startDirectory"/> that holds a solution (<c>*.sln</c>, <c>*.slnx</c>)
    /// or a <c>.git</c>: where a team's <c>artifacts/</c> folder goes.
    /// </summary>
    /// <param name="startDirectory">Where to start, e.g. <see cref="AppContext.BaseDirectory"/>.</param>
    /// <returns>The folder, or <c>null</c> when none is found.</returns>
    public static string? FindSolutionRoot(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (Path.Exists(Path.Combine(directory.FullName, ".git"))
                || directory.EnumerateFiles("*.sln").Any()
                || directory.EnumerateFiles("*.slnx").Any())
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// The artifacts folder when <c>PERF_ARTIFACTS</c> is not set: <c>artifacts/</c> in the solution root above
    /// <paramref name="startDirectory"/> (<see cref="FindSolutionRoot"/>); without one, in the project folder that holds
    /// the <c>bin/</c> folder <paramref name="startDirectory"/> is in; else in the current directory.
    /// </summary>
    /// <param name="startDirectory">Where to start looking, e.g. <see cref="AppContext.BaseDirectory"/>.</param>
    /// <returns>A full path.</returns>
    public static string DefaultArtifactsDirectory(string startDirectory) =>
        Path.GetFullPath(Path.Combine(FindSolutionRoot(startDirectory) ?? ProjectDirectory(startDirectory) ?? Directory.GetCurrentDirectory(), "artifacts"));

    private static string? ProjectDirectory(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory?.Parent is not null; directory = directory.Parent)
        {
            if (directory.Name == "bin")
            {
                return directory.Parent.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Where the budgets file is looked for when <c>PERF_BUDGETS</c> is not set, in order: <c>budgets.json</c> beside the
    /// test assembly (a project's content), then <c>scenarios/budgets.json</c> and <c>budgets.json</c> in the solution root.
    /// </summary>
    /// <param name="startDirectory">The test assembly's folder, e.g. <see cref="AppContext.BaseDirectory"/>.</param>
    /// <returns>Candidate paths, most specific first.</returns>
    public static IReadOnlyList<string> BudgetsCandidates(string startDirectory)
    {
        var candidates = new List<string> { Path.Combine(startDirectory, "budgets.json") };
        if (FindSolutionRoot(startDirectory) is { } root)
        {
            candidates.Add(Path.Combine(root, "scenarios", "budgets.json"));
            candidates.Add(Path.Combine(root, "budgets.json"));
        }

        return candidates;
    }

    /// <summary>A new run id from the UTC time, e.g. <c>20261127-034512</c>; sorts chronologically.</summary>
    /// <param name="now">The run's start.</param>
    /// <returns>The run id.</returns>
    public static string NewRunId(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <summary>A folder-safe lower-case name: letters and digits kept, every other run of characters becomes one <c>-</c>.</summary>
    /// <param name="name">E.g. <c>CSR – Login, load data, idle</c>.</param>
    /// <returns>E.g. <c>csr-login-load-data-idle</c>.</returns>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    /// <summary>The report folder of one test case.</summary>
    /// <param name="artifactsDirectory">The artifacts folder.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="scenario">Scenario (or mix) name.</param>
    /// <param name="profile">Profile name.</param>
    /// <returns><c>&lt;artifacts&gt;/perf/&lt;run-id&gt;/&lt;slug&gt;-&lt;profile&gt;</c>, full path.</returns>
    public static string CaseDirectory(string artifactsDirectory, string runId, string scenario, string profile) =>
        Path.GetFullPath(Path.Combine(artifactsDirectory, "perf", runId, $"{Slug(scenario)}-{Slug(profile)}"));
}
