using System.CommandLine;
using PerfSuite.Cli;
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
internal static class CompareCommand
{
    public static readonly Option<string?> BaseRef = CliOptions.Text(
        "--base-ref", "baseline: targets/queue-api of REF, from a temporary git worktree (removed afterwards)", "REF");

    public static readonly Option<string?> BaselineImage = CliOptions.Text("--baseline-image", "baseline: a container image (needs the container target)", "IMAGE");

    public static readonly Option<string?> BaselineReport = CliOptions.Text(
        "--baseline-report", "baseline: a stored report.json or run folder (also PERF_BASELINE); the candidate runs the whole profile once", "PATH");

    public static readonly Option<string?> CandidateImage = CliOptions.Text(
        "--candidate-image", "candidate: a container image; default the working tree's targets/queue-api", "IMAGE");

    public static readonly Option<string?> Scenario = CliOptions.Text("--scenario", $"scenario id or name (default {CompareArguments.DefaultScenario})", "ID", "-s");

    public static readonly Option<string?> Profile = CliOptions.Text(
        "--profile", "smoke, seed-load or stress (default smoke); rounds hold its sustained arrival rate", "NAME");

    public static readonly Option<int?> Rounds = CliOptions.WholeNumber("--rounds", "N", "paired rounds, >= 3 (default 6)", 3, null, "-n");

    public static readonly Option<double?> RoundSeconds = CliOptions.PositiveNumber(
        "--round-seconds", "S", "measured seconds per server and round, after a 1 s warm-up (default 6)");

    public static readonly Option<double?> Rate = CliOptions.PositiveNumber("--rate", "R", "arrivals per second in every round (default: the profile's sustained rate)", "-r");

    public static readonly Option<CompareMode> Mode = CliOptions.Choice(
        "--mode",
        "duet: both servers loaded at once in every round (default; measured to give narrower intervals on a busy machine, docs/compare.md); abba: one at a time, order A B, B A, ...",
        [("duet", CompareMode.Duet), ("abba", CompareMode.Abba)]);

    public static readonly Option<string?> Repository = CliOptions.Text("--repo", "the repository whose working tree is the candidate (default: the one holding the current folder)", "DIR");

    public static readonly Option<string?> Out = CliOptions.Text("--out", "reports folder (default artifacts/compare/<run-id>)", "DIR", "-o");

    public static readonly Option<string?> Budgets = CliOptions.Text("--budgets", "budgets file for compare_tolerance (default scenarios/budgets.json)", "FILE");

    public static readonly Option<int?> Seed = CliOptions.WholeNumber("--seed", "N", "seed of the load's random choices and of the bootstrap (default 1)", 0);

    private static readonly Option<string?>[] BaselineOptions = [BaseRef, BaselineImage, BaselineReport];

    /// <summary>The command and its options.</summary>
    public static Command Create()
    {
        var command = new Command("compare", "did this change make the reference API slower? a git ref vs the working tree in paired rounds; exit 1 on a regression")
        {
            BaseRef, BaselineImage, BaselineReport, CandidateImage, Scenario, Profile, Rounds, RoundSeconds, Rate, Mode, Repository, Out, Budgets, Seed,
        };
        return command.WithHandler(
            (parsed, output, error, token) => RunAsync(parsed, Environment.GetEnvironmentVariable("PERF_BASELINE"), CompareServers.Default, output, error, token),
            ExitCodes.Table,
            loads: true);
    }

    /// <summary>The arguments of a parse with no syntax error, or the first problem; <paramref name="perfBaseline"/> is <c>PERF_BASELINE</c>.</summary>
    public static (CompareArguments? Arguments, string? Error) Bind(ParseResult parsed, string? perfBaseline)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Errors.Count > 0)
        {
            return (null, CliTool.Problem(parsed));
        }

        var report = parsed.GetValue(BaselineReport) ?? (string.IsNullOrWhiteSpace(perfBaseline) ? null : perfBaseline);
        var baselines = BaselineOptions.Select(o => (o.Name, Value: o == BaselineReport ? report : parsed.GetValue(o))).Where(b => b.Value is not null).ToList();
        if (baselines.Count != 1)
        {
            return (null, baselines.Count == 0
                ? "a baseline is required: --base-ref REF, --baseline-image IMAGE, or --baseline-report PATH (or PERF_BASELINE)"
                : $"{string.Join(" and ", baselines.Select(b => $"{b.Name} ('{b.Value}')"))} exclude each other: give one baseline");
        }

        return (new CompareArguments(
            parsed.GetValue(Scenario) ?? CompareArguments.DefaultScenario,
            parsed.GetValue(Profile) ?? CompareArguments.DefaultProfile,
            parsed.GetValue(Rounds) ?? CompareArguments.DefaultRounds,
            TimeSpan.FromSeconds(parsed.GetValue(RoundSeconds) ?? CompareArguments.DefaultRoundSeconds),
            parsed.GetValue(Mode))
        {
            BaseRef = parsed.GetValue(BaseRef),
            BaselineImage = parsed.GetValue(BaselineImage),
            CandidateImage = parsed.GetValue(CandidateImage),
            BaselineReport = report,
            Rate = parsed.GetValue(Rate),
            Repository = parsed.GetValue(Repository),
            Output = parsed.GetValue(Out),
            Budgets = parsed.GetValue(Budgets),
            Seed = parsed.GetValue(Seed) ?? 1,
        }, null);
    }

    /// <summary>Runs the command.</summary>
    /// <param name="parsed">The parse result of <c>compare</c>.</param>
    /// <param name="perfBaseline">The value of <c>PERF_BASELINE</c>, or <c>null</c>.</param>
    /// <param name="servers">How servers are created.</param>
    /// <param name="output">Receives the verdict, the report paths and, on GitHub Actions, the <c>::error</c> lines.</param>
    /// <param name="error">Receives progress and errors.</param>
    /// <param name="cancellationToken">Cancels the comparison; servers and the worktree are removed all the same.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(
        ParseResult parsed, string? perfBaseline, CompareServers servers, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (plan, problem) = await PlanAsync(parsed, perfBaseline, servers, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            await error.WriteLineAsync($"compare: {problem}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return await new CompareRun(plan, servers, output, error).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(ComparePlan? Plan, string? Problem)> PlanAsync(
        ParseResult parsed, string? perfBaseline, CompareServers servers, CancellationToken cancellationToken)
    {
        var (arguments, parseError) = Bind(parsed, perfBaseline);
        if (arguments is null)
        {
            return (null, parseError + Environment.NewLine + CliTool.Usage(parsed));
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
