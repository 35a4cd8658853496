using System.CommandLine;
using System.Globalization;
using PerfSuite.Hosting.Settings;
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

    /// <summary>The command, with its options and shared loading options.</summary>
    public static Command Create()
    {
        var command = new Command("load", "fixed-rate (open model) or closed-loop load of one URL; JSON result on stdout")
        {
            Url, VirtualUsers, Rate, MaxVirtualUsers, Duration, TimeoutMs, MaxSockets, Headers, TokenVariable, MaxErrorRate, P95Ms, P99Ms,
        };
        LoadingOptions.AddTo(command);
        return command.WithHandler(
            (parsed, output, error, token) => RunAsync(parsed, Environment.GetEnvironmentVariable, output, error, token),
            "Progress and the human summary go to stderr; the JSON result is the last line on stdout. The error-rate threshold always\n"
            + $"applies (default {RunThresholds.DefaultMaxErrorRate}); a run in which no request got a response exits 3.\n" + ExitCodes.Table,
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
        try
        {
            shard = parsed.GetValue(LoadingOptions.Shard) ?? ShardSelection.Parse(environment) ?? LoadShard.Whole;
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
        var summary = await LoadRunner.RunAsync(options, cancellationToken, CancellationToken.None).ConfigureAwait(false);
        live?.Release();
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
            var kinds = string.Join(", ", summary.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}"));
            await error.WriteLineAsync($"load: the target did not answer: none of {summary.Requests} requests to {arguments.Url} got a response ({kinds})").ConfigureAwait(false);
            return ExitCodes.TargetUnavailable;
        }

        var verdict = arguments.Thresholds.Evaluate(summary, "load", "cli");
        foreach (var line in verdict.Violations.Select(v => v.Describe()))
        {
            await error.WriteLineAsync($"load: threshold missed: {line}").ConfigureAwait(false);
        }

        return verdict.Passed ? ExitCodes.Passed : ExitCodes.Missed;
    }

    private static async Task<int> RefuseAsync(ParseResult parsed, TextWriter error, string problem)
    {
        await error.WriteLineAsync($"load: {problem}").ConfigureAwait(false);
        await error.WriteLineAsync(CliTool.Usage(parsed)).ConfigureAwait(false);
        return ExitCodes.BadInput;
    }

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
            $"load {arguments.Url} ({model}, {summary.Duration.TotalSeconds:0.#} s{(summary.Cancelled ? ", cancelled" : string.Empty)}): {summary.Requests} requests, {summary.RequestsPerSecond:0} req/s, " +
            $"{summary.FailedRequests} failed; latency p50 {l.P50Ms} ms, p99 {l.P99Ms} ms, max {l.MaxMs} ms; generator CPU {summary.Generator.CpuSeconds:0.00} s ({summary.Generator.CpuMicrosecondsPerRequest:0.0} µs/request), " +
            $"rest of the machine {summary.Generator.HostOtherCpuSeconds:0.00} s{bound}");
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
