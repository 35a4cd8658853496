using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Settings;
using PerfSuite.Reporting.Comparison;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Scenarios.Profiles;

namespace PerfSuite.Lab.Compare;

/// <summary>
/// <c>perfsuite-lab compare</c>: checks every input before any load (each bad one is named, exit 2), then runs the comparison
/// (<see cref="CompareRun"/>) and exits 0 (no regression) or 1 (regression).
/// </summary>
public static class CompareCommand
{
    /// <summary>Exit code when no metric regressed.</summary>
    public const int NoRegression = 0;

    /// <summary>Exit code when at least one metric regressed.</summary>
    public const int Regression = 1;

    /// <summary>Exit code for a bad input (named in the message) or a server that could not start; nothing was compared.</summary>
    public const int BadInput = 2;

    /// <summary>Runs the command.</summary>
    /// <param name="args">Arguments after <c>compare</c>; see <see cref="CompareCommandParser.Usage"/>.</param>
    /// <param name="perfBaseline">The value of <c>PERF_BASELINE</c>, or <c>null</c>.</param>
    /// <param name="servers">How servers are created.</param>
    /// <param name="output">Receives the verdict, the report paths and, on GitHub Actions, the <c>::error</c> lines.</param>
    /// <param name="error">Receives progress and errors.</param>
    /// <param name="cancellationToken">Cancels the comparison; servers and the worktree are removed all the same.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, string? perfBaseline, CompareServers servers, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (plan, problem) = await PlanAsync(args, perfBaseline, servers, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            await error.WriteLineAsync($"compare: {problem}").ConfigureAwait(false);
            return BadInput;
        }

        return await new CompareRun(plan, servers, output, error).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(ComparePlan? Plan, string? Problem)> PlanAsync(
        IReadOnlyList<string> args, string? perfBaseline, CompareServers servers, CancellationToken cancellationToken)
    {
        var (arguments, parseError) = CompareCommandParser.Parse(args, perfBaseline);
        if (arguments is null)
        {
            return (null, parseError + Environment.NewLine + CompareCommandParser.Usage);
        }

        foreach (var (flag, image) in new[] { ("--baseline-image", arguments.BaselineImage), ("--candidate-image", arguments.CandidateImage) })
        {
            if (image is not null && servers.FromImage is null)
            {
                return (null, $"{flag} '{image}': container target not available in this build (it comes with the container target, PERF_TARGET_IMAGE)");
            }
        }

        var catalog = ScenarioCatalog.FromAssembly(typeof(CsrProfiles).Assembly);
        StoredBaseline? stored = null;
        if (arguments.BaselineReport is { } report)
        {
            try
            {
                stored = StoredBaseline.Load(report, catalog.Scenarios.FirstOrDefault(s => s.Id == arguments.Scenario)?.Name ?? arguments.Scenario);
            }
            catch (ArgumentException e)
            {
                return (null, $"--baseline-report / PERF_BASELINE '{report}': {e.Message}");
            }

            // A stored run fixes the scenario and profile: the candidate must run what the baseline ran.
            arguments = arguments with { Scenario = stored.Scenario, Profile = stored.Profile };
        }

        ILoadScenario scenario;
        LoadTestProfile profile;
        try
        {
            scenario = catalog.Get(arguments.Scenario);
            profile = CsrProfiles.Get(arguments.Profile);
        }
        catch (ArgumentException e)
        {
            return (null, $"{(e.ParamName == "name" ? "--profile" : "--scenario")}: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        if (CompareRounds.RoundProfile(profile, arguments.RoundLength, arguments.Rate) is null)
        {
            return (null, $"--profile '{profile.Name}' does not end in an arrival-rate phase; rounds need one");
        }

        var needsRepository = arguments.BaseRef is not null || arguments.CandidateImage is null;
        var repository = arguments.Repository ?? (await Git.RunAsync(Directory.GetCurrentDirectory(), ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false)) switch
        {
            (0, var top, _) => top,
            _ => null,
        };
        if (needsRepository && (repository is null || !Directory.Exists(repository)))
        {
            return (null, $"--repo '{arguments.Repository ?? Directory.GetCurrentDirectory()}': not a git repository (the candidate is its working tree)");
        }

        if (arguments.CandidateImage is null && !File.Exists(Path.Combine(repository!, "targets", "queue-api", "wsgi.py")))
        {
            return (null, $"--repo '{repository}': the working tree has no targets/queue-api/wsgi.py");
        }

        string? commit = null;
        if (arguments.BaseRef is { } baseRef && (commit = await GitWorktree.ResolveAsync(repository!, baseRef, cancellationToken).ConfigureAwait(false)) is null)
        {
            return (null, $"--base-ref '{baseRef}': names no commit in {repository}");
        }

        var tolerance = ComparisonTolerance.Default;
        var budgetsPath = arguments.Budgets ?? (repository is null ? null : Path.Combine(repository, "scenarios", "budgets.json"));
        if (budgetsPath is not null && (arguments.Budgets is not null || File.Exists(budgetsPath)))
        {
            try
            {
                if (BudgetFile.Load(budgetsPath).TryFor(scenario.Name, profile.Name, out var budget) && budget.CompareTolerance is { } fraction)
                {
                    tolerance = ComparisonTolerance.ForLatency(fraction);
                }
            }
            catch (BudgetFileException e)
            {
                return (null, $"--budgets '{budgetsPath}': {string.Join("; ", e.Problems)}");
            }
        }

        var outputDirectory = arguments.Output ?? Path.Combine(repository ?? Directory.GetCurrentDirectory(), "artifacts", "compare", ArtifactPaths.NewRunId(DateTimeOffset.UtcNow));
        return (new ComparePlan(arguments, repository, scenario, profile, tolerance, commit, stored, Path.GetFullPath(outputDirectory)), null);
    }
}
