using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Http.Http1;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Engine.Load;

/// <summary>
/// One virtual user: its own HTTP connection pool (like a browser), variables, random source and Socket.IO
/// connection. Runs flows one after the other; disposes its connections when it leaves.
/// </summary>
internal sealed class VirtualUser : IAsyncDisposable
{
    private readonly Dictionary<string, VariableValue> _variables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failedVariables = new(StringComparer.Ordinal);
    private HttpMessageHandler? _handler;
    private HttpMessageInvoker? _http;
    private HttpMessageHandler? _handlerWithoutRedirects;
    private HttpMessageInvoker? _httpWithoutRedirects;
    private HttpClient? _httpClient;
    private Http1Client? _lean;
    private bool _leanResolved;
    private RequestTimeout? _requestTimeout;
    private StepContext? _context;

    public VirtualUser(int number, LoadRunOptions options, RunRecorder recorder, CancellationToken runToken, CancellationToken stopToken)
    {
        Number = number;
        Options = options;
        Recorder = recorder;
        RunToken = runToken;
        StopToken = stopToken;
        Random = new Random(HashCode.Combine(options.Seed, number));
    }

    public int Number { get; }

    public LoadRunOptions Options { get; }

    public RunRecorder Recorder { get; }

    public Random Random { get; }

    /// <summary>Cancelled when the caller cancels the run: in-flight work is not an error sample.</summary>
    public CancellationToken RunToken { get; }

    /// <summary>Cancelled when the graceful-stop bound expires: in-flight work is a timeout.</summary>
    public CancellationToken StopToken { get; }

    public bool WarmUp { get; set; }

    public int ScenarioIndex { get; set; }

    /// <summary>True once a step of the current flow failed.</summary>
    public bool Failed { get; set; }

    public IReadOnlyDictionary<string, VariableValue> Variables => _variables;

    public ISocketIoConnection? SocketIo { get; set; }

    /// <summary>
    /// The user's HTTP pipeline. An invoker over the handler, not an <see cref="HttpClient"/>: the client adds a linked
    /// cancellation source and bookkeeping per request that the step does not need (it builds absolute URIs, applies its
    /// own timeout, and the handler already returns once the headers are read).
    /// </summary>
    public HttpMessageInvoker Http => _http ??= new HttpMessageInvoker(Handler, disposeHandler: false);

    /// <summary>
    /// The pipeline of requests that must not follow redirects (<see cref="RequestOptions.NoRedirects"/>): a second pool,
    /// made when first needed, because a handler follows redirects or not for all its requests. With a handler factory
    /// (tests), the factory's handler itself.
    /// </summary>
    public HttpMessageInvoker HttpWithoutRedirects => _httpWithoutRedirects ??= Options.HttpHandlerFactory is null
        ? new HttpMessageInvoker(_handlerWithoutRedirects = CreateHandler(followRedirects: false), disposeHandler: false)
        : Http;

    /// <summary>
    /// An <see cref="System.Net.Http.HttpClient"/> over the same pool, for custom steps: it sends the user's token like the
    /// built-in steps; timeouts come from the step's token. Disposing it leaves the pool to the user (the inner handler is shared).
    /// </summary>
    public HttpClient HttpClient => _httpClient ??= new HttpClient(new BearerTokenHandler(this, Handler), disposeHandler: false)
    {
        BaseAddress = Options.BaseUri,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// The user's own HTTP/1.1 client for the built-in steps, or null when requests go through <see cref="Http"/>
    /// (an <c>https://</c> target, <see cref="HttpTransport.HttpClient"/>, or a handler factory).
    /// </summary>
    public Http1Client? Lean
    {
        get
        {
            if (!_leanResolved)
            {
                _leanResolved = true;
                if (Options.HttpTransport == HttpTransport.Lean && Options.HttpHandlerFactory is null && Http1Origin.For(Options.BaseUri) is { } origin)
                {
                    _lean = new Http1Client(origin, Options.RetryDroppedRequests, Options.MaxResponseBodyBytes, Options.Http1Connector);
                }
            }

            return _lean;
        }
    }

    /// <summary>What custom steps see of this user.</summary>
    public StepContext Context => _context ??= new StepContext(this);

    /// <summary>Request attempts the server dropped without answering, counted by this user's connections.</summary>
    public DroppedAttempts Dropped { get; } = new();

    /// <summary>The per-request timeout (<see cref="LoadRunOptions.RequestTimeout"/> on the run's clock), reused across requests.</summary>
    public RequestTimeout RequestTimeout => _requestTimeout ??= new RequestTimeout(Options.TimeProvider, Options.RequestTimeout);

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        TimeProviderDelay.DelayAsync(Options.TimeProvider, delay, cancellationToken);

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => Options.TokenProvider.GetTokenAsync(Number, cancellationToken);

    public void SetVariable(string name, VariableValue value)
    {
        _variables[name] = value;
        _failedVariables.Remove(name);
    }

    public void MarkCaptureFailed(string name) => _failedVariables.Add(name);

    /// <summary>Forgets a variable (an optional capture found no value): steps that need it are skipped.</summary>
    public void UnsetVariable(string name)
    {
        _variables.Remove(name);
        _failedVariables.Remove(name);
    }

    /// <summary>Runs one flow from a clean slate of variables; returns true when no step failed.</summary>
    public async Task<bool> RunFlowAsync(CompiledScenario scenario, CancellationToken cancellationToken)
    {
        _variables.Clear();
        _failedVariables.Clear();
        foreach (var (name, value) in scenario.Scenario.Variables)
        {
            _variables[name] = value;
        }

        TakeFeedRecords(scenario);

        Failed = false;
        try
        {
            for (var i = 0; i < scenario.Steps.Count; i++)
            {
                var step = scenario.Steps[i];
                if (!HasVariables(step.RequiredVariables))
                {
                    // The failed capture was recorded where it happened; skipping avoids requests to '/undefined/'.
                    Failed = true;
                    continue;
                }

                if (!await step.ExecuteAsync(this, scenario.EndpointIds[i], cancellationToken).ConfigureAwait(false))
                {
                    Failed = true;
                    break;
                }

                if (step is LoopBackStep back)
                {
                    i = back.BodyStart - 1;
                }
            }
        }
        finally
        {
            await CloseSocketIoAsync().ConfigureAwait(false);
        }

        return !Failed;
    }

    /// <summary>
    /// Records a request that produced no response and returns false. Rethrows when the caller cancelled the run,
    /// because a cancelled run is not an error sample.
    /// </summary>
    public bool RecordFailure(int endpointId, Exception exception) => RecordFailure(endpointId, exception, ErrorKinds.Classify(exception));

    /// <summary>Records a step that produced no response as <paramref name="kind"/> (a timeout after the graceful stop) and returns false; rethrows a cancelled run.</summary>
    public bool RecordFailure(int endpointId, Exception exception, ErrorKind kind)
    {
        if (RunToken.IsCancellationRequested && exception is OperationCanceledException)
        {
            throw new OperationCanceledException("The run was cancelled.", exception, RunToken);
        }

        kind = StopToken.IsCancellationRequested ? ErrorKind.Timeout : kind;
        Recorder.TransportError(endpointId, WarmUp, kind, kind == ErrorKind.Other ? exception.GetType().Name : null);
        return false;
    }

    /// <summary>
    /// After a custom step: each variable it declared but did not set is <c>capture-failed</c>, the steps that need it
    /// are skipped and the flow fails. Returns true (the step itself succeeded).
    /// </summary>
    public bool CheckSet(int endpointId, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!_variables.ContainsKey(names[i]) || _failedVariables.Contains(names[i]))
            {
                MarkCaptureFailed(names[i]);
                Recorder.StepError(endpointId, WarmUp, ErrorKind.CaptureFailed);
                Failed = true;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseSocketIoAsync().ConfigureAwait(false);
        _lean?.Dispose();
        _httpClient?.Dispose();
        _http?.Dispose();
        _handler?.Dispose();
        _httpWithoutRedirects?.Dispose();
        _handlerWithoutRedirects?.Dispose();
        _requestTimeout?.Dispose();
    }

    private void TakeFeedRecords(CompiledScenario scenario)
    {
        var feeds = scenario.Scenario.Feeds;
        for (var i = 0; i < feeds.Count; i++)
        {
            var feed = feeds[i];
            var record = feed.Pick(scenario.FeedCursors[i].Next(), Random)
                ?? throw new FeedExhaustedException(feed.Source.Name, feed.Records.Count, scenario.Scenario.Name);
            for (var f = 0; f < record.Length; f++)
            {
                _variables[feed.Fields[f]] = record[f];
            }
        }
    }

    // A loop, not LINQ: this runs for every step of every flow, and a lambda over _variables allocates a closure each time.
    private bool HasVariables(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!_variables.ContainsKey(names[i]))
            {
                return false;
            }
        }

        return true;
    }

    private async Task CloseSocketIoAsync()
    {
        if (SocketIo is { } connection)
        {
            SocketIo = null;
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketIoException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing a broken connection must not fail the user; the failure was recorded by the step that saw it.
            }
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new AttemptTrackingStream(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true), Dropped);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private HttpMessageHandler Handler => _handler ??= CreateHandler();

    private HttpMessageHandler CreateHandler(bool followRedirects = true)
    {
        return Options.HttpHandlerFactory?.Invoke() ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            MaxConnectionsPerServer = Options.MaxSockets,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = Options.RequestTimeout,

            // Our own connect, so each connection's stream can count the attempts the server drops without an answer.
            ConnectCallback = ConnectAsync,
        };
    }
}
