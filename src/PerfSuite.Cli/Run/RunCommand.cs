using System.CommandLine;
using PerfSuite.Cli.Live;
using PerfSuite.Artillery;
using PerfSuite.Cli.Load;
using PerfSuite.Engine;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Cli.Run;

/// <summary>
/// <c>perfsuite run SCRIPT.yml</c>: runs an Artillery script against a (loopback, unless allowed) server, prints the
/// Artillery-style summary and writes the four reports and the violations.
/// </summary>
internal static class RunCommand
{
    public static readonly Argument<string[]> Script = new("SCRIPT.yml")
    {
        Description = "the Artillery script",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<Uri?> Target = CliOptions.HttpUrl(
        "--target", "the server (overrides config.target); loopback only unless --allow-remote or PERF_ALLOW_REMOTE=1", "-t");

    public static readonly Option<IReadOnlyList<string>> Environment = CliOptions.Repeated(
        "--env", "a value for {{ $processEnvironment.NAME }} / {{ $env.NAME }} and for PERF_* settings (repeatable)", "NAME=VALUE", "-e");

    public static readonly Option<string?> EnvironmentFile = CliOptions.Text(
        "--env-file", "NAME=VALUE lines (an 'export ' prefix and quotes are allowed), e.g. the envs.sh the script was run with", "FILE");

    public static readonly Option<string?> ReportDirectory = CliOptions.Text(
        "--report-dir", "where the reports go (default artifacts/perf/RUN-ID/SCRIPT-artillery)", "DIR");

    public static readonly Option<string?> Budgets = CliOptions.Text("--budgets", "budgets.json entry \"SCRIPT\" / \"artillery\" instead of config.ensure", "FILE");

    public static readonly Option<IReadOnlyList<string>> TokenHooks = CliOptions.Repeated(
        "--token-hook",
        "the processor function that sets the bearer token (default: a beforeRequest hook mentioning Bearer); replaced by PERF_TOKEN, or the OIDC password grant (PERF_TOKEN_URL, PERF_CLIENT_ID, PERF_USERNAME, PERF_PASSWORD)",
        "NAME");

    public static readonly Option<bool> IgnoreHooks = CliOptions.Switch("--ignore-hooks", "run without the script's other JavaScript hooks and function steps instead of refusing");

    public static readonly Option<bool> Insecure = CliOptions.Switch("--insecure", "accept any TLS certificate (Artillery's -k)", "-k");

    public static readonly Option<bool> DryRun = CliOptions.Switch(
        "--dry-run", "check the script and print the plan (phases, arrivals, scenarios and weights, steps, what is ignored or replaced); nothing is sent");

    public static readonly Option<bool> Strict = CliOptions.Switch("--strict", "a key Artillery ignores (printed as a warning otherwise) is an error");

    /// <summary>The command, with its options and the shared loading options.</summary>
    public static Command Create()
    {
        var command = new Command("run", "run an Artillery script as it is: Artillery-style summary, four reports, budget from ensure")
        {
            Script, Target, Environment, EnvironmentFile, ReportDirectory, Budgets, TokenHooks, IgnoreHooks, Insecure, DryRun, Strict,
        };
        LoadingOptions.AddTo(command);
        return command.WithHandler(
            RunAsync,
            """
            Runs an Artillery script as it is: config.phases as the arrival plan, scenarios and flows as PerfSuite steps, config.ensure
            as the budget. Prints the Artillery-style summary and writes summary.txt, report.md, report.html, report.json and
            violations.txt. Every problem of the script is listed with file:line:column and key, before any load. Ctrl+C: arrivals
            stop at once, in-flight users get a short grace, the reports and violations are written marked cancelled, never a pass.
            --dry-run exits 0 when the script can run, 2 when it cannot.
            """ + "\n" + ExitCodes.Table,
            loads: true);
    }

    /// <summary>The arguments of a parse with no syntax error, or the first problem (argument and value named).</summary>
    public static (RunCommandArguments? Arguments, string? Error) Bind(ParseResult parsed, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(environment);
        if (parsed.Errors.Count > 0)
        {
            return (null, CliTool.Problem(parsed));
        }

        var scripts = parsed.GetValue(Script) ?? [];
        if (scripts.FirstOrDefault(s => s.StartsWith('-')) is { } unknown)
        {
            return (null, CliTool.UnknownArgument(unknown, parsed.CommandResult.Command));
        }

        if (scripts.Length > 1)
        {
            return (null, $"one script at a time: '{scripts[0]}' and '{scripts[1]}' were given");
        }

        if (scripts.Length == 0)
        {
            return (null, "the script is required: perfsuite run SCRIPT.yml");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parsed.GetValue(Environment) ?? [])
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                return (null, $"--env must be NAME=VALUE (was '{pair}')");
            }

            values[pair[..separator]] = pair[(separator + 1)..];
        }

        if (parsed.GetValue(EnvironmentFile) is { } file)
        {
            if (!File.Exists(file))
            {
                return (null, $"--env-file '{file}' does not exist");
            }

            // --env wins over the file.
            foreach (var (name, text) in ArtilleryEnvFile.Read(file).Where(e => !values.ContainsKey(e.Key)).ToList())
            {
                values[name] = text;
            }
        }

        var budgets = parsed.GetValue(Budgets);
        if (budgets is not null && !File.Exists(budgets))
        {
            return (null, $"--budgets '{budgets}' does not exist");
        }

        return (new RunCommandArguments(
            scripts[0],
            parsed.GetValue(Target),
            values,
            parsed.GetValue(ReportDirectory),
            budgets,
            parsed.GetValue(TokenHooks) ?? [],
            parsed.GetValue(IgnoreHooks),
            parsed.GetValue(Insecure),
            LoadingOptions.RemoteAllowed(parsed, name => values.TryGetValue(name, out var value) ? value : environment(name)),
            parsed.GetValue(DryRun),
            parsed.GetValue(Strict))
        {
            Shard = parsed.GetValue(LoadingOptions.Shard),
        }, null);
    }

    /// <summary>Checks, runs and reports.</summary>
    /// <param name="parsed">The parse result of <c>run</c>.</param>
    /// <param name="output">The summary and progress.</param>
    /// <param name="error">Errors.</param>
    /// <param name="cancellationToken">
    /// Interrupts the run (Ctrl+C): no arrival starts after it, in-flight users get <see cref="LoadRunOptions.InterruptGrace"/>,
    /// then the reports and violations are written marked cancelled and the result is <see cref="ExitCodes.Interrupted"/>.
    /// </param>
    /// <returns>The exit code.</returns>
    private static async Task<int> RunAsync(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (arguments, problem) = Bind(parsed, System.Environment.GetEnvironmentVariable);
        if (arguments is null)
        {
            await error.WriteLineAsync($"run: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync(CliTool.Usage(parsed)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (arguments.DryRun)
        {
            return await DryRunAsync(arguments, output, error).ConfigureAwait(false);
        }

        RunPlan plan;
        try
        {
            plan = Prepare(arguments);
        }
        catch (Exception e) when (e is ArtilleryScriptException or ArgumentException or ProblemListException or InvalidOperationException)
        {
            await error.WriteLineAsync($"run: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        foreach (var warning in plan.Script.Warnings)
        {
            await error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        foreach (var note in plan.Script.Notes())
        {
            await output.WriteLineAsync($"run: {note}").ConfigureAwait(false);
        }

        // The session every front end shares: it writes the four reports and violations.txt, and disposes the token provider.
        // A shard (--shard, PERF_SHARD) writes shard.json and the .hlog interval logs too, and waits for PERF_START_AT.
        await using var session = new LoadTestSession(new ExternalTarget(new Uri(plan.Options.BaseUri.GetLeftPart(UriPartial.Authority))), plan.Tokens, BudgetFile.None($"{plan.Script.FilePath}: ensure"), plan.ArtifactsDirectory, plan.RunId)
        {
            Shard = plan.Options.Shard.IsWhole ? null : plan.Options.Shard,
            StartAt = plan.StartAt,
        };
        await output.WriteLineAsync($"run: {plan.Script.Name} against {plan.Options.BaseUri} ({string.Join(", ", plan.Script.Profile.Phases.Select(p => p.Describe()))}); auth: {plan.Tokens}").ConfigureAwait(false);

        // At a terminal, one status region redrawn every second instead of a progress line every 10 s.
        var live = LiveTerminal.For(error, parsed.GetValue(LoadingOptions.NoLive), System.Environment.GetEnvironmentVariable, $"run {plan.Script.Name}");

        // Ctrl+C interrupts the run: the reports of what ran are still written, marked cancelled.
        var result = await session.RunAsync(
            new LoadTestRun(plan.Script.Name, plan.Script.Scenarios, new LoadTestProfile(ArtilleryScript.ProfileName, plan.Script.Profile))
            {
                Budget = plan.Budget,
                ReportDirectory = plan.ReportDirectory,
                Configure = options => live is null
                    ? plan.Options with { Progress = options.Progress }
                    : plan.Options with { Progress = live.Show, ProgressInterval = LiveRegion.MinInterval },
                Output = new RunOutput(output, error, live),
            },
            cancellationToken).ConfigureAwait(false);
        live?.Release();
        var verdict = result.Verdict;
        await output.WriteLineAsync($"run: reports: {string.Join(", ", result.Reports)}").ConfigureAwait(false);
        if (verdict.Cancelled)
        {
            await output.WriteLineAsync($"run: {verdict.Interruption}").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }

        if (RunThresholds.NothingAnswered(result.Summary))
        {
            // Whatever ensure says (it may set no error-rate limit): a run in which nothing answered is not a pass.
            await error.WriteLineAsync($"run: {RunThresholds.NothingAnsweredReason(result.Summary, plan.Options.BaseUri.ToString())}").ConfigureAwait(false);
            return ExitCodes.TargetUnavailable;
        }

        if (result.Shard is { } shard)
        {
            // A shard's share proves nothing about the budget: the gate is the merge of all shards, as in the xUnit fixture.
            await output.WriteLineAsync(ShardNotice("run", shard, result.ReportDirectory)).ConfigureAwait(false);
            return ExitCodes.Passed;
        }

        await output.WriteLineAsync(verdict.Passed
            ? $"run: budget met ({verdict.Checks.Count} checks)"
            : $"run: budget missed: {string.Join("; ", verdict.Violations.Select(v => v.Describe()))}").ConfigureAwait(false);
        return verdict.Passed ? ExitCodes.Passed : ExitCodes.Missed;
    }

    /// <summary>What a shard says instead of a verdict: it is a shard, and the gate is the merge of all shards' report directories.</summary>
    internal static string ShardNotice(string command, LoadShard shard, string reportDirectory) =>
        $"{command}: {shard.Describe()}: this run is a shard and is not gated on its share; the gate is 'perfsuite merge' of all {shard.Count} shards' report directories ({reportDirectory})";

    /// <summary>Everything a run needs, checked before any load: the script, the target rules, the token, the budget.</summary>
    /// <param name="arguments">Parsed arguments.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArtilleryScriptException">The script cannot run.</exception>
    /// <exception cref="ArgumentException">The target is remote and not allowed, or missing.</exception>
    internal static RunPlan Prepare(RunCommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string? Read(string name) => arguments.Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name);
        var script = ArtilleryScriptLoader.Load(arguments.Script, LoadOptions(arguments, dryRun: false));
        var (variable, target) = arguments.Target is { } given ? ("--target", given) : ($"{arguments.Script}: config.target", script.Target
            ?? throw new ArgumentException($"{arguments.Script}: the script has no config.target; pass --target URL."));
        TargetSelection.EnsureAllowed(variable, target, arguments.AllowRemote || TargetSelection.IsAllowRemote(Read(TargetSelection.AllowRemoteVariable)));

        // PERF_PROFILES and PERF_TARGET belong to the load suite; a script has its own phases and target.
        var settings = PerfSettings.Parse(name => name is "PERF_PROFILES" or "PERF_TARGET" ? null : Read(name), ["smoke"]);
        var tokens = script.UsesToken ? TokenProvider(settings, script, target) : NoTokenProvider.Instance;
        var budget = arguments.BudgetsFile is { } file
            ? BudgetFile.Load(file, [ArtilleryScript.ProfileName]).For(script.Name, ArtilleryScript.ProfileName)
            : script.EnsureBudget(script.Name);
        var runId = settings.RunId ?? ArtifactPaths.NewRunId(DateTimeOffset.UtcNow);
        var reportDirectory = arguments.ReportDirectory
            ?? ArtifactPaths.CaseDirectory(settings.ArtifactsDirectory ?? Path.Combine(System.Environment.CurrentDirectory, "artifacts"), runId, script.Name, ArtilleryScript.ProfileName);
        var options = new LoadRunOptions(target, script.Scenarios, script.Profile)
        {
            Name = $"{script.Name} / {ArtilleryScript.ProfileName}",
            TokenProvider = tokens,
            RequestTimeout = script.Http.RequestTimeout ?? TimeSpan.FromSeconds(10),
            MaxSockets = script.Http.MaxSockets ?? new LoadRunOptions(target, [], script.Profile).MaxSockets,
            HttpHandlerFactory = arguments.Insecure || script.Http.Insecure ? InsecureHandler : null,
            ProgressInterval = TimeSpan.FromSeconds(10),
            // --shard wins over PERF_SHARD (or JOB_COMPLETION_INDEX + PERF_SHARDS).
            Shard = arguments.Shard ?? settings.Shard ?? LoadShard.Whole,

            // PERF_TRACE_CONTEXT=1: traceparent and baggage on every request, the slowest trace ids in the reports.
            TraceContext = settings.TraceContext ? new PerfSuite.Engine.Tracing.TraceContextOptions(runId) : null,
        };
        var problems = options.Validate();
        return problems.Count > 0
            ? throw new InvalidOperationException($"{arguments.Script}: " + string.Join("; ", problems))
            : new RunPlan(script, options, tokens, budget, runId, Path.GetFullPath(reportDirectory), settings.ArtifactsDirectory ?? Path.Combine(System.Environment.CurrentDirectory, "artifacts"))
            {
                StartAt = settings.StartAt,
            };
    }

    // Artillery's own dry run does not exist: this reads the script exactly as a run would, then stops before the
    // target, the credentials and the budget (a plan needs none of them), so any script can be checked offline.
    private static async Task<int> DryRunAsync(RunCommandArguments arguments, TextWriter output, TextWriter error)
    {
        ArtilleryScript script;
        try
        {
            script = ArtilleryScriptLoader.Load(arguments.Script, LoadOptions(arguments, dryRun: true));
        }
        catch (ArtilleryScriptException e)
        {
            await error.WriteLineAsync($"run: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        foreach (var line in DryRunPlan.Render(script, arguments.Target))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Passed;
    }

    private static ArtilleryLoadOptions LoadOptions(RunCommandArguments arguments, bool dryRun) => new()
    {
        Environment = name => arguments.Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name),
        TokenHooks = arguments.TokenHooks,
        IgnoreHooks = arguments.IgnoreHooks,
        Strict = arguments.Strict,
        Target = arguments.Target,
        AllowMissingEnvironment = dryRun,

        // A dry run prints the plan; a log step never runs, so it never writes.
        Log = dryRun ? _ => { } : Console.WriteLine,
    };

    private static ITokenProvider TokenProvider(PerfSettings settings, ArtilleryScript script, Uri target) =>
        TokenProviders.Create(settings, new ExternalTarget(new Uri(target.GetLeftPart(UriPartial.Authority)))) is var tokens && tokens is not NoTokenProvider
            ? tokens
            : throw new ArgumentException(
                $"{string.Join(", ", script.TokenHooks)} sets a bearer token: give PerfSuite the token with PERF_TOKEN, or the OIDC password grant with "
                + "PERF_TOKEN_URL, PERF_CLIENT_ID, PERF_USERNAME and PERF_PASSWORD (exported, in --env-file, or --env NAME=VALUE).");

#pragma warning disable CA5359, CA5400 // Only with -k / tls.rejectUnauthorized: false, which the user asks for, as Artillery's -k.
    private static SocketsHttpHandler InsecureHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
#pragma warning restore CA5359, CA5400

    /// <summary>What <see cref="Prepare"/> checked and built.</summary>
    /// <param name="Script">The script.</param>
    /// <param name="Options">The engine's run options.</param>
    /// <param name="Tokens">The token provider that replaces the script's token hook (or none).</param>
    /// <param name="Budget">From <c>--budgets</c> or <c>config.ensure</c>.</param>
    /// <param name="RunId">The run id.</param>
    /// <param name="ReportDirectory">Where the reports go.</param>
    /// <param name="ArtifactsDirectory">The artifacts folder (<c>PERF_ARTIFACTS</c>, or <c>artifacts/</c> in the current folder).</param>
    public sealed record RunPlan(ArtilleryScript Script, LoadRunOptions Options, ITokenProvider Tokens, ScenarioBudget Budget, string RunId, string ReportDirectory, string ArtifactsDirectory)
    {
        /// <summary>The common start instant (<c>PERF_START_AT</c>); <c>null</c> to start at once.</summary>
        public DateTimeOffset? StartAt { get; init; }
    }

    /// <summary>The session's output at the terminal: progress and the summary on standard output, report lines on standard error.</summary>
    // The session's lines; a live region, when shown, is left in place above each (the next redraw starts below it).
    private sealed class RunOutput(TextWriter output, TextWriter error, LiveRegion? live) : ISessionOutput
    {
        public void Live(string line)
        {
            live?.Release();
            (line.StartsWith("report: ", StringComparison.Ordinal) ? error : output).WriteLine(line);
        }

        public void Output(string text)
        {
            live?.Release();
            output.WriteLine(text);
        }

        public void Attach(string path)
        {
        }
    }
}
