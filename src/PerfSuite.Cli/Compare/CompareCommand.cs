using System.CommandLine;
using PerfSuite.Cli.Load;
using PerfSuite.Engine;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Comparison;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Cli.Compare;

/// <summary>
/// <c>perfsuite compare</c>: did my change make my service slower? Checks every input before any load (each bad one is
/// named, exit 2), starts both servers (URLs are only checked; images are started and removed), compares each of the
/// team's scenarios in paired rounds, and exits 0 (no regression) or 1 (regression).
/// </summary>
internal static class CompareCommand
{
    public static readonly Option<string?> Scenarios = CliOptions.Text(
        "--scenarios", "your test or scenario assembly (.dll): its ILoadScenario classes are the flows compared", "ASSEMBLY");

    public static readonly Option<string?> Baseline = CliOptions.Text(
        "--baseline", "baseline: a running server (loopback unless --allow-remote or PERF_ALLOW_REMOTE=1)", "URL");

    public static readonly Option<string?> BaselineImage = CliOptions.Text(
        "--baseline-image",
        "baseline: a local image, started like PERF_TARGET_IMAGE (PERF_TARGET_PORT, PERF_TARGET_READY, PERF_TARGET_ENV_*, PERF_DOCKER_NETWORK apply to both images); never pulled",
        "IMAGE");

    public static readonly Option<string?> Candidate = CliOptions.Text("--candidate", "candidate: a running server", "URL");

    public static readonly Option<string?> CandidateImage = CliOptions.Text("--candidate-image", "candidate: a local image", "IMAGE");

    public static readonly Option<IReadOnlyList<string>> Scenario = CliOptions.Repeated(
        "--scenario", "a scenario id or name to compare (repeatable; default every scenario of the assembly)", "ID", "-s");

    public static readonly Option<double?> Rate = CliOptions.PositiveNumber("--rate", "R", "arrivals per second in every round (default 10)", "-r");

    public static readonly Option<int?> Rounds = CliOptions.WholeNumber("--rounds", "N", "paired rounds, >= 3 (default 6)", 3, null, "-n");

    public static readonly Option<double?> RoundSeconds = CliOptions.PositiveNumber(
        "--round-seconds", "S", "measured seconds per server and round, after a 1 s warm-up (default 6)");

    public static readonly Option<CompareMode> Mode = CliOptions.Choice(
        "--mode", "duet: both servers loaded at once in every round (default); abba: one at a time, A B, B A, ...", [("duet", CompareMode.Duet), ("abba", CompareMode.Abba)]);

    public static readonly Option<string?> Budgets = CliOptions.Text(
        "--budgets", "budgets.json whose compare_tolerance entries (at --profile, default smoke) set the tolerance", "FILE");

    public static readonly Option<string?> Profile = CliOptions.Text("--profile", "the budgets file's profile to read tolerances from (default smoke)", "NAME");

    public static readonly Option<string?> Out = CliOptions.Text("--out", "reports folder, one subfolder per scenario (default artifacts/compare/<run-id>)", "DIR", "-o");

    public static readonly Option<int?> Seed = CliOptions.WholeNumber("--seed", "N", "seed of the load's random choices and of the bootstrap (default 1)", 0);

    /// <summary>The command and its options.</summary>
    public static Command Create()
    {
        var command = new Command("compare", "did this change make my service slower? your scenarios against a baseline and a candidate in paired rounds; exit 1 on a regression")
        {
            Scenarios, Baseline, BaselineImage, Candidate, CandidateImage, Scenario, Rate, Rounds, RoundSeconds, Mode, Budgets, Profile, Out, Seed,
            LoadingOptions.AllowRemote,
        };
        return command.WithHandler(
            (parsed, output, error, token) => RunAsync(parsed, System.Environment.GetEnvironmentVariable, output, error, token),
            "credentials: PERF_TOKEN, or PERF_TOKEN_URL, PERF_CLIENT_ID, PERF_USERNAME and PERF_PASSWORD; none when unset\n" + ExitCodes.Table,
            loads: true);
    }

    /// <summary>The validated arguments of a parse with no syntax error, or the first problem (argument and value named).</summary>
    public static (CompareArguments? Arguments, string? Error) Bind(ParseResult parsed, Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(read);
        if (parsed.Errors.Count > 0)
        {
            return (null, CliTool.Problem(parsed));
        }

        if (parsed.GetValue(Scenarios) is not { } assembly)
        {
            return (null, "--scenarios ASSEMBLY is required: the test or scenario assembly whose scenarios are compared");
        }

        var allowRemote = LoadingOptions.RemoteAllowed(parsed, read);
        string? error = null;
        var (baseline, baselineImage) = Side(parsed.GetValue(Baseline), parsed.GetValue(BaselineImage), "--baseline", allowRemote, ref error);
        var (candidate, candidateImage) = Side(parsed.GetValue(Candidate), parsed.GetValue(CandidateImage), "--candidate", allowRemote, ref error);
        return error is not null ? (null, error) : (new CompareArguments(assembly)
        {
            Baseline = baseline,
            BaselineImage = baselineImage,
            Candidate = candidate,
            CandidateImage = candidateImage,
            Scenarios = parsed.GetValue(Scenario) ?? [],
            Rate = parsed.GetValue(Rate) ?? CompareArguments.DefaultRate,
            Rounds = parsed.GetValue(Rounds) ?? ComparisonOptions.DefaultRounds,
            RoundLength = TimeSpan.FromSeconds(parsed.GetValue(RoundSeconds) ?? ComparisonOptions.DefaultRoundSeconds),
            Mode = parsed.GetValue(Mode),
            Budgets = parsed.GetValue(Budgets),
            Profile = parsed.GetValue(Profile) ?? "smoke",
            Output = parsed.GetValue(Out),
            Seed = parsed.GetValue(Seed) ?? 1,
            AllowRemote = allowRemote,
        }, null);
    }

    private static (Uri? Url, string? Image) Side(string? url, string? image, string flag, bool allowRemote, ref string? error)
    {
        if (url is null == image is null)
        {
            error ??= url is null
                ? $"a {flag[2..]} is required: {flag} URL or {flag}-image IMAGE"
                : $"{flag} ('{url}') and {flag}-image ('{image}') exclude each other: give one {flag[2..]}";
            return (null, null);
        }

        if (url is null)
        {
            return (null, image);
        }

        try
        {
            var parsed = TargetSelection.ParseUrl(flag, url);
            TargetSelection.EnsureAllowed(flag, parsed, allowRemote);
            return (parsed, null);
        }
        catch (ArgumentException e)
        {
            error ??= e.Message.Split(" (Parameter", 2)[0].Replace(TargetSelection.AllowRemoteVariable + "=1", "--allow-remote (or PERF_ALLOW_REMOTE=1)", StringComparison.Ordinal);
            return (null, null);
        }
    }

    /// <summary>Runs the command.</summary>
    /// <param name="parsed">The parse result of <c>compare</c>.</param>
    /// <param name="read">Reads an environment variable (credentials, container settings, <c>PERF_ALLOW_REMOTE</c>).</param>
    /// <param name="output">Receives the verdicts, the report paths and, on GitHub Actions, the <c>::error</c> lines.</param>
    /// <param name="error">Receives progress and errors.</param>
    /// <param name="cancellationToken">Cancels the comparison; servers are removed all the same.</param>
    /// <returns>The exit code.</returns>
    private static async Task<int> RunAsync(ParseResult parsed, Func<string, string?> read, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (arguments, problem) = Bind(parsed, read);
        if (arguments is null)
        {
            await error.WriteLineAsync($"compare: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync(CliTool.Usage(parsed)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        List<ILoadScenario> scenarios;
        PerfSettings settings;
        BudgetFile? budgets;
        try
        {
            var catalog = ScenarioAssembly.Load(arguments.Assembly);
            scenarios = arguments.Scenarios.Count == 0 ? [.. catalog.Scenarios] : [.. arguments.Scenarios.Select(catalog.Get)];

            // Only what a comparison uses: credentials and the container settings of an image side.
            settings = PerfSettings.Parse(name => name is "PERF_PROFILES" or "PERF_TARGET" or "PERF_TARGET_IMAGE" or "PERF_COMPARE_BASELINE" ? null : read(name), ["smoke"]);
            budgets = arguments.Budgets is { } file ? BudgetFile.Load(file) : null;
        }
        catch (Exception e) when (e is ArgumentException or ProblemListException)
        {
            await error.WriteLineAsync($"compare: {e.Message.Split(" (Parameter", 2)[0]}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var outputDirectory = Path.GetFullPath(arguments.Output ?? Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "compare", ArtifactPaths.NewRunId(DateTimeOffset.UtcNow)));
        ITarget? baseline = null;
        ITarget? candidate = null;
        var tokens = new List<ITokenProvider>();
        try
        {
            baseline = Create(arguments.Baseline, arguments.BaselineImage, settings, read);
            candidate = Create(arguments.Candidate, arguments.CandidateImage, settings, read);
            await Task.WhenAll(baseline.StartAsync(cancellationToken), candidate.StartAsync(cancellationToken)).ConfigureAwait(false);
            CompareRounds.Side Side(string name, ITarget target)
            {
                var side = CompareRounds.Side.Authenticated(name, target, settings);
                tokens.Add(side.Tokens);
                return side;
            }

            var (a, b) = (Side("baseline", baseline), Side("candidate", candidate));
            await error.WriteLineAsync($"compare: baseline {UrlRedaction.Redact(baseline.BaseUri)}, candidate {UrlRedaction.Redact(candidate.BaseUri)}; {scenarios.Count} scenario(s)").ConfigureAwait(false);
            var regressed = false;
            foreach (var scenario in scenarios)
            {
                var profile = new LoadTestProfile("compare", new LoadProfile("compare", [new ArrivalPhase("steady", arguments.RoundLength, arguments.Rate)]));
                var options = new ComparisonOptions(scenario.Name, scenario.Create(), profile)
                {
                    Rounds = arguments.Rounds,
                    RoundLength = arguments.RoundLength,
                    Rate = arguments.Rate,
                    Mode = arguments.Mode,
                    Seed = arguments.Seed,
                    Tolerance = budgets is not null && budgets.TryFor(scenario.Name, arguments.Profile, out var budget) && budget.CompareTolerance is { } fraction
                        ? ComparisonTolerance.ForLatency(fraction)
                        : ComparisonTolerance.Default,
                    BaselineLabel = arguments.BaselineImage is { } bi ? $"image {bi}" : UrlRedaction.Redact(baseline.BaseUri),
                    CandidateLabel = arguments.CandidateImage is { } ci ? $"image {ci}" : UrlRedaction.Redact(candidate.BaseUri),
                };
                var (result, paths) = await ComparisonRunner.RunAsync(options, a, b, null, Path.Combine(outputDirectory, ArtifactPaths.Slug(scenario.Id)),
                    line => error.WriteLine(line), cancellationToken).ConfigureAwait(false);
                regressed |= result.HasRegression;
                await output.WriteLineAsync($"compare: {scenario.Id}: {result.Headline}").ConfigureAwait(false);
                foreach (var line in ComparisonReports.RegressionLines(result))
                {
                    await output.WriteLineAsync($"compare: {scenario.Id}: regression: {line}").ConfigureAwait(false);
                }

                foreach (var path in paths)
                {
                    await output.WriteLineAsync($"compare: report {path}").ConfigureAwait(false);
                }

                if (read("GITHUB_ACTIONS") == "true")
                {
                    foreach (var line in ComparisonReports.GitHubErrors(result))
                    {
                        await output.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }
            }

            return regressed ? ExitCodes.Missed : ExitCodes.Passed;
        }
        catch (ArgumentException e) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"compare: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (TargetUnavailable.Describe(e) is { } reason && !cancellationToken.IsCancellationRequested)
        {
            // A server that could not start, or that did not answer a round in time: named, never a pass.
            await error.WriteLineAsync($"compare: the target did not answer: {reason}").ConfigureAwait(false);
            return ExitCodes.TargetUnavailable;
        }
        finally
        {
            tokens.OfType<IDisposable>().ToList().ForEach(t => t.Dispose());
            await Task.WhenAll(new[] { baseline, candidate }.OfType<ITarget>().Select(t => t.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
    }

    private static ITarget Create(Uri? url, string? image, PerfSettings settings, Func<string, string?> read)
    {
        if (url is not null)
        {
            return new ExternalTarget(url);
        }

        var names = Environment.GetEnvironmentVariables().Keys.Cast<string>();
        var builder = ContainerSelection.Parse(name => name == ContainerSelection.ImageVariable ? image : read(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null, names)!;
        return builder.Build();
    }
}
