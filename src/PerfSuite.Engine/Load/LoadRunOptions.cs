using PerfSuite.Engine.Http;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Engine.Load;

/// <summary>Everything a run needs: where, who, what, how much. Pure data; <see cref="Validate"/> lists every problem.</summary>
/// <param name="BaseUri">Server base URL, e.g. <c>http://127.0.0.1:5000</c>; request paths are appended to it.</param>
/// <param name="Scenarios">Scenarios of the mix (at least one).</param>
/// <param name="Profile">The load profile.</param>
public sealed record LoadRunOptions(Uri BaseUri, IReadOnlyList<Scenario> Scenarios, LoadProfile Profile)
{
    /// <summary>Run name for the summary; default <c>profile name</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Token provider; default none (anonymous).</summary>
    public ITokenProvider TokenProvider { get; init; } = NoTokenProvider.Instance;

    /// <summary>Clock for scheduling, think times and timeouts; default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Per-request (and per Socket.IO operation) timeout; default 30 s; error kind <c>timeout</c>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest response body accepted, in bytes; a larger one (announced or streamed) fails its request as
    /// <c>body-too-large</c> without reading the rest. Default null: no limit. Applies to the lean HTTP/1.1 transport
    /// (<see cref="HttpTransport.Lean"/>, the default for <c>http://</c>).
    /// </summary>
    public long? MaxResponseBodyBytes { get; init; }

    /// <summary>Connections per server in each virtual user's own pool, like a browser; default 3, must be &gt;= 1.</summary>
    public int MaxSockets { get; init; } = 3;

    /// <summary>Multiplier of every think time, e.g. 0.1 for a fast smoke run; default 1, must be &gt;= 0.</summary>
    public double ThinkTimeScale { get; init; } = 1.0;

    /// <summary>Opens Socket.IO connections; default PerfSuite's lean websocket client (<see cref="SocketIoClient"/>). Replace it for tests or another client.</summary>
    public Func<SocketIoConnectOptions, CancellationToken, Task<ISocketIoConnection>>? SocketIoConnector { get; init; } =
        (options, cancellationToken) => SocketIoClient.ConnectAsync(options, cancellationToken);

    /// <summary>Seed of every random choice (scenario mix, random think times); same seed, same choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Called every <see cref="ProgressInterval"/> with a snapshot; must be quick and not throw.</summary>
    public Action<LoadProgress>? Progress { get; init; }

    /// <summary>Interval of <see cref="Progress"/> calls; default 10 s, whole seconds &gt;= 1.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long in-flight virtual users may run after the profile ends before they are cancelled and counted failed
    /// (kind <c>timeout</c>); default 30 s.
    /// </summary>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After an interruption (see <see cref="LoadRunner.RunAsync(LoadRunOptions, CancellationToken, CancellationToken)"/>), how long
    /// in-flight users may finish before they are cancelled; default 3 s, must be &gt;= 0. Requests cut off then are not error samples.
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Creates each virtual user's HTTP handler for the steps' requests; when set, <see cref="HttpTransport"/> is
    /// <see cref="HttpTransport.HttpClient"/> whatever it says. For tests and custom transports.
    /// </summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; init; }

    /// <summary>
    /// Opens the lean client's connections; null (default) connects a TCP socket. The seam for tests that run the default
    /// HTTP path (<see cref="HttpTransport.Lean"/>) over an in-memory server in virtual time.
    /// </summary>
    internal Http.Http1.Http1Connector? Http1Connector { get; init; }

    /// <summary>
    /// How the built-in steps send HTTP requests: <see cref="HttpTransport.Lean"/> (default: the engine's own HTTP/1.1
    /// connection per user, for <c>http://</c> targets) or <see cref="HttpTransport.HttpClient"/> (a
    /// <see cref="SocketsHttpHandler"/> per user: HTTPS, HTTP/2, proxies). Custom steps' <c>HttpClient</c> is always the latter.
    /// </summary>
    public HttpTransport HttpTransport { get; init; } = HttpTransport.Lean;

    /// <summary>
    /// Off by default: every attempt the server closes or resets without an answer is an error of its own kind
    /// (<c>connection-closed</c>, <c>connection-reset</c>) and fails the step. On: when the server drops a request sent on a
    /// reused keep-alive connection before any byte of a response, the request is sent once more on a new connection, as a
    /// browser does; if that succeeds the request counts as a success (its latency includes the dropped attempt) and the
    /// retry is counted in <see cref="Metrics.RunSummary.RetriedRequests"/>, not as an error.
    /// </summary>
    public bool RetryDroppedRequests { get; init; }

    /// <summary>
    /// Which shard of a run split across generators this run is (see <see cref="LoadShard"/>); the whole run by default.
    /// The host reads it from its settings (<c>PERF_SHARD</c>, <c>--shard</c>); the engine only takes the value.
    /// </summary>
    public LoadShard Shard { get; init; } = LoadShard.Whole;

    /// <summary>
    /// W3C trace context (<c>traceparent</c> and <c>baggage</c>) on every HTTP request and Socket.IO connect, and the
    /// slowest requests' trace ids in the summary; default null: off, no header is sent. The host reads it from its
    /// settings (<c>PERF_TRACE_CONTEXT</c>); the engine only takes the value.
    /// </summary>
    public Tracing.TraceContextOptions? TraceContext { get; init; }

    /// <summary>
    /// Also record each endpoint's latencies second by second (<see cref="Metrics.EndpointSummary.Seconds"/>), aligned with
    /// the time series, for per-endpoint interval logs that re-aggregate any time window. Off by default: when on, each
    /// response is recorded once more into a lock-free interval recorder (no allocation), and once a second each
    /// endpoint's interval is swapped out and encoded. The host turns it on for a shard.
    /// </summary>
    public bool EndpointIntervals { get; init; }

    /// <summary>Every problem with the options and the profile; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseUri is null || !BaseUri.IsAbsoluteUri)
        {
            problems.Add($"options: baseUri must be an absolute URL (was {BaseUri})");
        }

        if (Scenarios is null || Scenarios.Count == 0)
        {
            problems.Add("options: scenarios must not be empty (was 0 scenarios)");
        }

        foreach (var scenario in Scenarios?.Where(s => s.UsesSocketIo && SocketIoConnector is null) ?? [])
        {
            problems.Add($"options: socketIoConnector must be set because scenario '{scenario.Name}' opens a Socket.IO connection (was null)");
        }

        if (MaxSockets < 1)
        {
            problems.Add($"options: maxSockets must be >= 1 (was {MaxSockets})");
        }

        if (!(ThinkTimeScale >= 0) || double.IsInfinity(ThinkTimeScale))
        {
            problems.Add($"options: thinkTimeScale must be >= 0 (was {ThinkTimeScale})");
        }

        if (MaxResponseBodyBytes is <= 0)
        {
            problems.Add($"options: maxResponseBodyBytes must be > 0 (was {MaxResponseBodyBytes})");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"options: requestTimeout must be > 0 (was {RequestTimeout})");
        }

        if (ProgressInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add($"options: progressInterval must be >= 1 s (was {ProgressInterval})");
        }

        if (InterruptGrace < TimeSpan.Zero)
        {
            problems.Add($"options: interruptGrace must be >= 0 (was {InterruptGrace})");
        }

        if (GracefulStop < TimeSpan.Zero)
        {
            problems.Add($"options: gracefulStop must be >= 0 (was {GracefulStop})");
        }

        if (TraceContext is { } trace && (string.IsNullOrEmpty(trace.RunId) || trace.SlowestPerEndpoint is < 1 or > 100))
        {
            problems.Add($"options: traceContext needs a non-empty runId and slowestPerEndpoint from 1 to 100 (was runId '{trace.RunId}', slowestPerEndpoint {trace.SlowestPerEndpoint})");
        }

        problems.AddRange(Shard?.Validate() ?? ["options: shard must be set"]);
        problems.AddRange(Profile?.Validate() ?? ["options: profile must be set"]);
        return problems;
    }
}
