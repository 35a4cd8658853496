using System.CommandLine;
using System.Globalization;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Metrics;
using PerfSuite.Cli.Live;

namespace PerfSuite.Cli.Load;

/// <summary>
/// <c>perfsuite load</c>: one GET step through the real engine (<see cref="LoadRunner"/>). Progress and a short human
/// summary go to standard error; the <see cref="LoadResultLine"/> JSON is the only line on standard output. Sends nothing
/// when the arguments are invalid.
/// </summary>
internal static class LoadCommand
{
    public static readonly Option<Uri?> Url = CliOptions.HttpUrl(
        "--url", "the URL each request GETs (http or https); a loopback host (127.0.0.1, localhost, [::1]) unless --allow-remote");

    public static readonly Option<int?> VirtualUsers = CliOptions.WholeNumber(
        "--vus", "N", "closed model: N users, each sending the next request when its last one answered", 1, null, "-u");

    public static readonly Option<double?> Rate = CliOptions.PositiveNumber(
        "--rate", "R", "open model: R new users per second, each sending one request", "-r");

    public static readonly Option<int?> MaxVirtualUsers = CliOptions.WholeNumber(
        "--max-vusers", "M", "open model: at most M users at once; an arrival beyond the cap is skipped and counted", 1);

    public static readonly Option<double?> Duration = CliOptions.PositiveNumber("--duration", "SECONDS", "seconds of load (> 0)", "-d");

    public static readonly Option<double?> TimeoutMs = CliOptions.PositiveNumber("--timeout-ms", "MS", "per-request timeout in milliseconds (default 10000)");

    public static readonly Option<int?> MaxSockets = CliOptions.WholeNumber("--max-sockets", "S", "connections per user (default 3)", 1);

    public static readonly Option<IReadOnlyList<string>> Headers = CliOptions.Repeated("--header", "a request header \"Name: value\" (repeatable)", "\"N: V\"", "-H");

    public static readonly Option<string?> TokenVariable = CliOptions.Text(
        "--token-env", "send the access token held by environment variable NAME as \"Authorization: Bearer\"", "NAME");

    public static readonly Option<double?> MaxErrorRate = CliOptions.Fraction(
        "--max-error-rate", "F", $"threshold: failed requests / requests must be at most F, 0..1 (default {RunThresholds.DefaultMaxErrorRate}); exit 1 when missed");

    public static readonly Option<double?> P95Ms = CliOptions.PositiveNumber("--p95-ms", "MS", "threshold: the 95th percentile latency must be at most MS milliseconds; exit 1 when missed");

    public static readonly Option<double?> P99Ms = CliOptions.PositiveNumber("--p99-ms", "MS", "threshold: the 99th percentile latency must be at most MS milliseconds; exit 1 when missed");

    public static readonly Option<string?> ReportDirectory = CliOptions.Text(
        "--report-dir", "write summary.txt, report.md, report.html, report.json and violations.txt there (a shard also shard.json and hlog/*.hlog, for perfsuite merge)", "DIR");

    /// <summary>The command, with its options and shared loading options.</summary>
    public static Command Create()
    {
        var command = new Command("load", "fixed-rate (open model) or closed-loop load of one URL; JSON result on stdout")
        {
            Url, VirtualUsers, Rate, MaxVirtualUsers, Duration, TimeoutMs, MaxSockets, Headers, TokenVariable, MaxErrorRate, P95Ms, P99Ms, ReportDirectory,
        };
        LoadingOptions.AddTo(command);
        return command.WithHandler(
            (parsed, output, error, token) => RunAsync(parsed, Environment.GetEnvironmentVariable, output, error, token),
            "Progress and the human summary go to stderr; the JSON result is the last line on stdout. The error-rate threshold always\n"
            + $"applies (default {RunThresholds.DefaultMaxErrorRate}); a run in which no request got a response exits 3. A shard (--shard, PERF_SHARD)\n"
            + "is not gated on its share: it exits 0 and the gate is 'perfsuite merge' of all shards' --report-dir folders. PERF_START_AT makes\n"
            + "it wait for a common start instant; PERF_RUN_ID names the run (the same on every shard).\n" + ExitCodes.Table,
            loads: true);
    }

    /// <summary>The validated arguments of a parse with no syntax error, or the first problem (argument and value named).</summary>
    public static (LoadCommandArguments? Arguments, string? Error) Bind(ParseResult parsed, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Errors.Count > 0)
        {
            return (null, CliTool.Problem(parsed));
        }

        if (parsed.GetResult(Url) is not { Tokens.Count: > 0 } urlResult || parsed.GetValue(Url) is not { } url)
        {
            return (null, "--url is required (was missing): the http(s) URL to GET, on a loopback host (127.0.0.1, localhost or [::1])");
        }

        if (!url.IsLoopback && !LoadingOptions.RemoteAllowed(parsed, environment))
        {
            // Uri.IsLoopback covers localhost, 127.0.0.0/8 and [::1]; anything else could be someone else's machine.
            return (null, $"--url must point at a loopback host (127.0.0.1, localhost or [::1]) (was '{urlResult.Tokens[0].Value}'); "
                + $"for a server you own elsewhere, add --allow-remote (or {TargetSelection.AllowRemoteVariable}=1)");
        }

        var vus = parsed.GetValue(VirtualUsers);
        var rate = parsed.GetValue(Rate);
        if (vus is null == rate is null)
        {
            return (null, vus is not null
                ? $"--vus ({vus}) and --rate ({Token(parsed, Rate)}) exclude each other: give one"
                : "one of --vus (closed model) or --rate (open model) is required");
        }

        if (vus is not null && parsed.GetValue(MaxVirtualUsers) is { } cap)
        {
            return (null, $"--max-vusers ({cap}) applies only with --rate");
        }

        if (parsed.GetValue(Duration) is not { } seconds)
        {
            return (null, "--duration is required");
        }

        var variable = parsed.GetValue(TokenVariable);
        if (variable is not null && !IsVariableName(variable))
        {
            return (null, $"--token-env must name an environment variable (letters, digits, '_') (was '{variable}')");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in parsed.GetValue(Headers) ?? [])
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || header[..colon].Any(char.IsWhiteSpace))
            {
                return (null, $"--header must be \"Name: value\" (was '{header}')");
            }

            headers.Add(new(header[..colon], header[(colon + 1)..].Trim()));
        }

        // --shard wins over PERF_SHARD (or JOB_COMPLETION_INDEX + PERF_SHARDS), as in run.
        LoadShard shard;
        DateTimeOffset? startAt;
        string? runId;
        try
        {
            string? Read(string name) => environment(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            shard = parsed.GetValue(LoadingOptions.Shard) ?? ShardSelection.Parse(Read) ?? LoadShard.Whole;
            startAt = ShardSelection.ParseStartAt(Read);
            runId = PerfSettings.ParseRunId(Read(PerfSettings.RunIdVariable));
        }
        catch (FormatException problem)
        {
            return (null, problem.Message);
        }

        return (new LoadCommandArguments(
            url,
            vus,
            rate,
            parsed.GetValue(MaxVirtualUsers),
            TimeSpan.FromSeconds(seconds),
            parsed.GetValue(TimeoutMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : LoadCommandArguments.DefaultRequestTimeout,
            parsed.GetValue(MaxSockets) ?? 3)
        {
            Headers = headers.Count > 0 ? headers : [],
            Shard = shard,
            StartAt = startAt,
            RunId = runId,
            ReportDirectory = parsed.GetValue(ReportDirectory),
            TokenVariable = variable,
            Thresholds = new RunThresholds(parsed.GetValue(MaxErrorRate) ?? RunThresholds.DefaultMaxErrorRate, parsed.GetValue(P95Ms), parsed.GetValue(P99Ms)),
        }, null);
    }

    private static async Task<int> RunAsync(ParseResult parsed, Func<string, string?> environment, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (arguments, problem) = Bind(parsed, environment);
        if (arguments is null)
        {
            return await RefuseAsync(parsed, error, problem!).ConfigureAwait(false);
        }

        string? token = null;
        if (arguments.TokenVariable is { } variable && string.IsNullOrEmpty(token = environment(variable)))
        {
            return await RefuseAsync(parsed, error, $"--token-env {variable}: the environment variable is not set or empty").ConfigureAwait(false);
        }

        // At a terminal, one status region redrawn every second; otherwise (CI, a pipe) the plain line.
        var live = LiveTerminal.For(error, parsed.GetValue(LoadingOptions.NoLive), environment, $"load {arguments.Url}");
        var options = CreateOptions(arguments) with
        {
            TokenProvider = token is null ? NoTokenProvider.Instance : StaticTokenProvider.FromValue(token),
            Progress = live is null ? p => error.WriteLine(ProgressLine.Format("load", "cli", p)) : live.Show,
        };
        if (live is not null)
        {
            options = options with { ProgressInterval = LiveRegion.MinInterval };
        }

        try
        {
            // PERF_TRACE_CONTEXT=1: traceparent and baggage on every request, as in perfsuite run and dotnet test.
            if (Hosting.Settings.PerfSettings.ParseTraceContext(environment(Hosting.Settings.PerfSettings.TraceContextVariable)))
            {
                options = options with { TraceContext = new PerfSuite.Engine.Tracing.TraceContextOptions(Hosting.Settings.ArtifactPaths.NewRunId(DateTimeOffset.UtcNow)) };
            }

            if (Hosting.Telemetry.MetricsExport.ForProcess() is { } metrics)
            {
                await error.WriteLineAsync(metrics.Description).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is Hosting.Settings.PerfSettingsException or FormatException)
        {
            return await RefuseAsync(parsed, error, e.Message).ConfigureAwait(false);
        }

        var gcBefore = GcFigures.Now();

        // Ctrl+C interrupts: the summary of what ran is still written, marked cancelled.
        RunSummary summary;
        try
        {
            summary = arguments.ReportDirectory is null
                ? await RunWithoutReportsAsync(arguments, options, cancellationToken).ConfigureAwait(false)
                : await RunWithReportsAsync(arguments, options, error, live, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (arguments.StartAt is not null && e.Message.StartsWith(ShardSelection.StartAtVariable, StringComparison.Ordinal))
        {
            // The common start is too far past or ahead: refused before any load.
            return await RefuseAsync(parsed, error, e.Message).ConfigureAwait(false);
        }
        finally
        {
            live?.Release();
        }

        await error.WriteLineAsync(Describe(arguments, summary)).ConfigureAwait(false);
        await error.WriteLineAsync(GcFigures.Now().Since(gcBefore)).ConfigureAwait(false);
        await output.WriteLineAsync(LoadResultLine.Format(summary)).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return await GateAsync(arguments, summary, error).ConfigureAwait(false);
    }

    /// <summary>The run's exit code: interrupted, nothing answered, a threshold missed, or met; each but the last named on stderr.</summary>
    internal static async Task<int> GateAsync(LoadCommandArguments arguments, RunSummary summary, TextWriter error)
    {
        if (summary.Cancelled)
        {
            return ExitCodes.Interrupted;
        }

        if (RunThresholds.NothingAnswered(summary))
        {
            await error.WriteLineAsync($"load: {RunThresholds.NothingAnsweredReason(summary, arguments.Url.ToString())}").ConfigureAwait(false);
            return ExitCodes.TargetUnavailable;
        }

        if (!arguments.Shard.IsWhole)
        {
            // A shard's share proves nothing about the thresholds: the gate is the merge of all shards, as in the xUnit fixture.
            await error.WriteLineAsync(Run.RunCommand.ShardNotice("load", arguments.Shard, arguments.ReportDirectory is { } directory
                ? Path.GetFullPath(directory)
                : "none written: add --report-dir DIR")).ConfigureAwait(false);
            return ExitCodes.Passed;
        }

        var verdict = arguments.Thresholds.Evaluate(summary, BudgetScenario, BudgetProfile);
        foreach (var line in verdict.Violations.Select(v => v.Describe()))
        {
            await error.WriteLineAsync($"load: threshold missed: {line}").ConfigureAwait(false);
        }

        return verdict.Passed ? ExitCodes.Passed : ExitCodes.Missed;
    }

    private static async Task<RunSummary> RunWithoutReportsAsync(LoadCommandArguments arguments, LoadRunOptions options, CancellationToken cancellationToken)
    {
        await ShardStart.WaitAsync(arguments.StartAt, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        return await LoadRunner.RunAsync(options, cancellationToken, CancellationToken.None).ConfigureAwait(false);
    }

    // The session every front end shares writes the reports, violations.txt and, for a shard, shard.json and the .hlog files
    // (the same writer as perfsuite run and the xUnit fixture); standard output keeps only the JSON line.
    private static async Task<RunSummary> RunWithReportsAsync(LoadCommandArguments arguments, LoadRunOptions options, TextWriter error, LiveRegion? live, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(arguments.ReportDirectory!);
        var budget = arguments.Thresholds.ToBudget(BudgetScenario, BudgetProfile);
        await using var session = new LoadTestSession(new ExternalTarget(options.BaseUri), options.TokenProvider, BudgetFile.None("perfsuite load thresholds"), directory, arguments.RunId ?? ArtifactPaths.NewRunId(DateTimeOffset.UtcNow))
        {
            Shard = arguments.Shard.IsWhole ? null : arguments.Shard,
            StartAt = arguments.StartAt,
        };
        var result = await session.RunAsync(
            new LoadTestRun(BudgetScenario, options.Scenarios, new LoadTestProfile(BudgetProfile, options.Profile))
            {
                Budget = budget,
                ReportDirectory = directory,
                Configure = _ => options,
                Output = new ErrorOutput(error, live),
            },
            cancellationToken).ConfigureAwait(false);
        await error.WriteLineAsync($"load: reports: {string.Join(", ", result.Reports)}").ConfigureAwait(false);
        return result.Summary;
    }

    private static async Task<int> RefuseAsync(ParseResult parsed, TextWriter error, string problem)
    {
        await error.WriteLineAsync($"load: {problem}").ConfigureAwait(false);
        await error.WriteLineAsync(CliTool.Usage(parsed)).ConfigureAwait(false);
        return ExitCodes.BadInput;
    }

    /// <summary>The scenario and profile names of a load run in its reports, budget and <c>shard.json</c>.</summary>
    private const string BudgetScenario = "load";

    private const string BudgetProfile = "cli";

    private static string Token(ParseResult parsed, Option option) => parsed.GetResult(option) is { Tokens.Count: > 0 } result ? result.Tokens[0].Value : string.Empty;

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The engine options for the arguments: one scenario with one GET of the URL's path and query, with the arguments' headers.</summary>
    /// <param name="arguments">Validated arguments.</param>
    internal static LoadRunOptions CreateOptions(LoadCommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var url = arguments.Url;
        var builder = Scenario.Create("load");
        foreach (var (name, value) in arguments.Headers)
        {
            builder = builder.WithHeader(name, value);
        }

        var scenario = builder.Get(url.PathAndQuery).Build();
        LoadPhase phase = arguments.VirtualUsers is { } users
            ? new ConstantUsersPhase("load", arguments.Duration, users)
            : new ArrivalPhase("load", arguments.Duration, arguments.ArrivalRate!.Value) { MaxVusers = arguments.MaxVirtualUsers };
        return new LoadRunOptions(new Uri(url.GetLeftPart(UriPartial.Authority)), [scenario], new LoadProfile("load", [phase]))
        {
            Name = $"load {url}",
            Shard = arguments.Shard,
            RequestTimeout = arguments.RequestTimeout,
            MaxSockets = arguments.MaxSockets,
            // In-flight requests at the end get one timeout's worth of time, then count as timeouts.
            GracefulStop = arguments.RequestTimeout,
            // After Ctrl+C, in-flight requests get at most one timeout (and no more than 3 s) to finish.
            InterruptGrace = arguments.RequestTimeout < TimeSpan.FromSeconds(3) ? arguments.RequestTimeout : TimeSpan.FromSeconds(3),
            ProgressInterval = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(arguments.Duration.TotalSeconds))),
        };
    }

    private static string Describe(LoadCommandArguments arguments, RunSummary summary)
    {
        var model = arguments.VirtualUsers is { } users
            ? $"{users} users, no think time"
            : $"{arguments.ArrivalRate!.Value.ToString(CultureInfo.InvariantCulture)} arrivals/s";
        var l = summary.Latency;
        var bound = summary.Generator.GeneratorBound ? " (generator-bound: " + string.Join(" ", summary.Generator.Reasons) + ")" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"load {arguments.Url} ({model}, {summary.Duration.TotalSeconds:0.#} s{Drain(summary)}{(summary.Cancelled ? ", cancelled" : string.Empty)}): {summary.Requests} requests, {summary.RequestsPerSecond:0} req/s, " +
            $"{summary.FailedRequests} failed; latency p50 {l.P50Ms} ms, p99 {l.P99Ms} ms, max {l.MaxMs} ms; generator CPU {summary.Generator.CpuSeconds:0.00} s ({summary.Generator.CpuMicrosecondsPerRequest:0.0} µs/request), " +
            $"rest of the machine {summary.Generator.HostOtherCpuSeconds:0.00} s{bound}");
    }

    // After the measured window: the drain (users finishing), or when the interrupt came and the grace after it.
    private static string Drain(RunSummary summary)
    {
        var drain = summary.Drain.TotalSeconds >= 0.05 ? string.Create(CultureInfo.InvariantCulture, $"{summary.Drain.TotalSeconds:0.#} s") : null;
        return summary.InterruptedAfter is { } at
            ? string.Create(CultureInfo.InvariantCulture, $" measured, interrupted after {at.TotalSeconds:0.#} s{(drain is null ? string.Empty : $", then {drain} grace")}")
            : drain is null ? " measured" : $" measured, then {drain} drain";
    }

    /// <summary>The session's output: all of it to standard error, which keeps standard output for the JSON line.</summary>
    // The session's lines, on standard error; a live region, when shown, is left in place above each.
    private sealed class ErrorOutput(TextWriter error, LiveRegion? live) : ISessionOutput
    {
        public void Live(string line)
        {
            live?.Release();
            error.WriteLine(line);
        }

        public void Output(string text)
        {
            live?.Release();
            error.WriteLine(text);
        }

        public void Attach(string path)
        {
        }
    }

    // The generator's own garbage collections during the run: a long tail in the latencies may be the generator's pauses.
    private readonly record struct GcFigures(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated)
    {
        public static GcFigures Now() =>
            new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

        public string Since(GcFigures start) => string.Create(
            CultureInfo.InvariantCulture,
            $"generator GC: {Gen0 - start.Gen0} gen0, {Gen1 - start.Gen1} gen1, {Gen2 - start.Gen2} gen2 collections, {(Pause - start.Pause).TotalMilliseconds:0.#} ms paused, {(Allocated - start.Allocated) / 1_048_576.0:0.#} MB allocated");
    }
}
