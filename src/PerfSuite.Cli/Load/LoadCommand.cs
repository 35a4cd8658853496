using System.Globalization;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Cli.Load;

/// <summary>
/// The <c>load</c> command: one GET step through the real engine (<see cref="LoadRunner"/>). Progress and a short human
/// summary go to the error writer (stderr); the <see cref="LoadResultLine"/> JSON is the only line on the output writer
/// (stdout). Sends nothing when the arguments are invalid.
/// </summary>
public static class LoadCommand
{
    /// <summary>Exit code of a completed run (whatever its error rate).</summary>
    public const int Success = 0;

    /// <summary>Exit code for invalid arguments; nothing was sent.</summary>
    public const int InvalidArguments = 2;

    /// <summary>Exit code of a run interrupted by <c>cancellationToken</c> (Ctrl+C); its partial result line was written, with <c>"cancelled":true</c>.</summary>
    public const int Cancelled = ConsoleCancellation.Cancelled;

    /// <summary>Parses <paramref name="args"/>, runs the load and writes the result.</summary>
    /// <param name="args">Arguments after the <c>load</c> subcommand; see <see cref="LoadCommandParser.Usage"/>.</param>
    /// <param name="output">Receives the human summary and the JSON line (last).</param>
    /// <param name="error">Receives the argument error and usage.</param>
    /// <param name="cancellationToken">
    /// Interrupts the run (Ctrl+C): no arrival starts after it, in-flight requests get <see cref="LoadRunOptions.InterruptGrace"/>,
    /// then the partial result line is written with <c>"cancelled":true</c>.
    /// </param>
    /// <returns><see cref="Success"/>, <see cref="InvalidArguments"/> or <see cref="Cancelled"/>.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (CommandLine.WantsHelp(args))
        {
            await output.WriteLineAsync(LoadCommandParser.Usage).ConfigureAwait(false);
            await output.WriteLineAsync(LoadCommandParser.Help).ConfigureAwait(false);
            return Success;
        }

        var parsed = LoadCommandParser.Parse(args);
        if (parsed.Arguments is not { } arguments)
        {
            return await RefuseAsync(error, parsed.Error!).ConfigureAwait(false);
        }

        string? token = null;
        if (arguments.TokenVariable is { } variable && string.IsNullOrEmpty(token = Environment.GetEnvironmentVariable(variable)))
        {
            return await RefuseAsync(error, $"--token-env {variable}: the environment variable is not set or empty").ConfigureAwait(false);
        }

        var options = CreateOptions(arguments) with
        {
            TokenProvider = token is null ? NoTokenProvider.Instance : StaticTokenProvider.FromValue(token),
            Progress = p => error.WriteLine(ProgressLine.Format("load", "cli", p)),
        };
        try
        {
            if (Hosting.Telemetry.MetricsExport.ForProcess() is { } metrics)
            {
                await error.WriteLineAsync(metrics.Description).ConfigureAwait(false);
            }
        }
        catch (Hosting.Settings.PerfSettingsException e)
        {
            return await RefuseAsync(error, e.Message).ConfigureAwait(false);
        }

        var gcBefore = GcFigures.Now();
        // Ctrl+C interrupts: the summary of what ran is still written, marked cancelled.
        var summary = await LoadRunner.RunAsync(options, cancellationToken, CancellationToken.None).ConfigureAwait(false);
        await error.WriteLineAsync(Describe(arguments, summary)).ConfigureAwait(false);
        await error.WriteLineAsync(GcFigures.Now().Since(gcBefore)).ConfigureAwait(false);
        await output.WriteLineAsync(LoadResultLine.Format(summary)).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return summary.Cancelled ? Cancelled : Success;
    }

    private static async Task<int> RefuseAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"load: {problem}").ConfigureAwait(false);
        await error.WriteLineAsync(LoadCommandParser.Usage).ConfigureAwait(false);
        return InvalidArguments;
    }

    /// <summary>The engine options for the arguments: one scenario with one GET of the URL's path and query, with the arguments' headers.</summary>
    /// <param name="arguments">Validated arguments.</param>
    public static LoadRunOptions CreateOptions(LoadCommandArguments arguments)
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
