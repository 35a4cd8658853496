using PerfSuite.Artillery;
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
public static class RunCommand
{
    /// <summary>Exit code: the run met its budget.</summary>
    public const int Success = 0;

    /// <summary>Exit code: the run missed its budget.</summary>
    public const int BudgetMissed = 1;

    /// <summary>Exit code: bad arguments, or a script that cannot run.</summary>
    public const int InvalidArguments = 2;

    /// <summary>Exit code: the run was interrupted (Ctrl+C); its reports and violations are written, marked cancelled (never a pass).</summary>
    public const int Cancelled = ConsoleCancellation.Cancelled;

    /// <summary>Parses, checks, runs and reports.</summary>
    /// <param name="args">The arguments after <c>run</c>.</param>
    /// <param name="output">The summary and progress.</param>
    /// <param name="error">Errors.</param>
    /// <param name="cancellationToken">
    /// Interrupts the run (Ctrl+C): no arrival starts after it, in-flight users get <see cref="LoadRunOptions.InterruptGrace"/>,
    /// then the reports and violations are written marked cancelled and the result is <see cref="Cancelled"/>.
    /// </param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (CommandLine.WantsHelp(args))
        {
            await output.WriteLineAsync(RunCommandParser.Usage).ConfigureAwait(false);
            return Success;
        }

        var (arguments, problem) = RunCommandParser.Parse(args);
        if (arguments is null)
        {
            await error.WriteLineAsync($"run: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync(RunCommandParser.Usage).ConfigureAwait(false);
            return InvalidArguments;
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
        catch (Exception e) when (e is ArtilleryScriptException or ArgumentException or PerfSettingsException or BudgetFileException or InvalidOperationException)
        {
            await error.WriteLineAsync($"run: {e.Message}").ConfigureAwait(false);
            return InvalidArguments;
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
        await using var session = new LoadTestSession(new ExternalTarget(new Uri(plan.Options.BaseUri.GetLeftPart(UriPartial.Authority))), plan.Tokens, BudgetFile.None($"{plan.Script.FilePath}: ensure"), plan.ArtifactsDirectory, plan.RunId);
        await output.WriteLineAsync($"run: {plan.Script.Name} against {plan.Options.BaseUri} ({string.Join(", ", plan.Script.Profile.Phases.Select(p => p.Describe()))}); auth: {plan.Tokens}").ConfigureAwait(false);

        // Ctrl+C interrupts the run: the reports of what ran are still written, marked cancelled.
        var result = await session.RunAsync(
            new LoadTestRun(plan.Script.Name, plan.Script.Scenarios, new LoadTestProfile(ArtilleryScript.ProfileName, plan.Script.Profile))
            {
                Budget = plan.Budget,
                ReportDirectory = plan.ReportDirectory,
                Configure = options => plan.Options with { Progress = options.Progress },
                Output = new RunOutput(output, error),
            },
            cancellationToken).ConfigureAwait(false);
        var verdict = result.Verdict;
        await output.WriteLineAsync($"run: reports: {string.Join(", ", result.Reports)}").ConfigureAwait(false);
        if (verdict.Cancelled)
        {
            await output.WriteLineAsync($"run: {verdict.Interruption}").ConfigureAwait(false);
            return Cancelled;
        }

        await output.WriteLineAsync(verdict.Passed
            ? $"run: budget met ({verdict.Checks.Count} checks)"
            : $"run: budget missed: {string.Join("; ", verdict.Violations.Select(v => v.Describe()))}").ConfigureAwait(false);
        return verdict.Passed ? Success : BudgetMissed;
    }

    /// <summary>Everything a run needs, checked before any load: the script, the target rules, the token, the budget.</summary>
    /// <param name="arguments">Parsed arguments.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArtilleryScriptException">The script cannot run.</exception>
    /// <exception cref="ArgumentException">The target is remote and not allowed, or missing.</exception>
    public static RunPlan Prepare(RunCommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string? Read(string name) => arguments.Environment.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);
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
            ?? ArtifactPaths.CaseDirectory(settings.ArtifactsDirectory ?? Path.Combine(Environment.CurrentDirectory, "artifacts"), runId, script.Name, ArtilleryScript.ProfileName);
        var options = new LoadRunOptions(target, script.Scenarios, script.Profile)
        {
            Name = $"{script.Name} / {ArtilleryScript.ProfileName}",
            TokenProvider = tokens,
            RequestTimeout = script.Http.RequestTimeout ?? TimeSpan.FromSeconds(10),
            MaxSockets = script.Http.MaxSockets ?? new LoadRunOptions(target, [], script.Profile).MaxSockets,
            HttpHandlerFactory = arguments.Insecure || script.Http.Insecure ? InsecureHandler : null,
            ProgressInterval = TimeSpan.FromSeconds(10),
        };
        var problems = options.Validate();
        return problems.Count > 0
            ? throw new InvalidOperationException($"{arguments.Script}: " + string.Join("; ", problems))
            : new RunPlan(script, options, tokens, budget, runId, Path.GetFullPath(reportDirectory), settings.ArtifactsDirectory ?? Path.Combine(Environment.CurrentDirectory, "artifacts"));
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
            return InvalidArguments;
        }

        foreach (var line in DryRunPlan.Render(script, arguments.Target))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return Success;
    }

    private static ArtilleryLoadOptions LoadOptions(RunCommandArguments arguments, bool dryRun) => new()
    {
        Environment = name => arguments.Environment.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name),
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
    public sealed record RunPlan(ArtilleryScript Script, LoadRunOptions Options, ITokenProvider Tokens, ScenarioBudget Budget, string RunId, string ReportDirectory, string ArtifactsDirectory);

    /// <summary>The session's output at the terminal: progress and the summary on standard output, report lines on standard error.</summary>
    private sealed class RunOutput(TextWriter output, TextWriter error) : ISessionOutput
    {
        public void Live(string line)
        {
            (line.StartsWith("report: ", StringComparison.Ordinal) ? error : output).WriteLine(line);
        }

        public void Output(string text) => output.WriteLine(text);

        public void Attach(string path)
        {
        }
    }
}
