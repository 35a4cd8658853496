using PerfSuite.Engine.Http;
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
    private HttpMessageInvoker? _http;
    private RequestTimeout? _requestTimeout;

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
    public HttpMessageInvoker Http => _http ??= CreateHttpInvoker();

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

    /// <summary>Runs one flow from a clean slate of variables; returns true when no step failed.</summary>
    public async Task<bool> RunFlowAsync(CompiledScenario scenario, CancellationToken cancellationToken)
    {
        _variables.Clear();
        _failedVariables.Clear();
        foreach (var (name, value) in scenario.Scenario.Variables)
        {
            _variables[name] = value;
        }

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
    public bool RecordFailure(int endpointId, Exception exception)
    {
        if (RunToken.IsCancellationRequested && exception is OperationCanceledException)
        {
            throw new OperationCanceledException("The run was cancelled.", exception, RunToken);
        }

        var kind = StopToken.IsCancellationRequested ? ErrorKind.Timeout : ErrorKinds.Classify(exception);
        Recorder.TransportError(endpointId, WarmUp, kind, kind == ErrorKind.Other ? exception.GetType().Name : null);
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseSocketIoAsync().ConfigureAwait(false);
        _http?.Dispose();
        _requestTimeout?.Dispose();
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

    private HttpMessageInvoker CreateHttpInvoker()
    {
        var handler = Options.HttpHandlerFactory?.Invoke() ?? new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Options.MaxSockets,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = Options.RequestTimeout,

            // Our own connect, so each connection's stream can count the attempts the server drops without an answer.
            ConnectCallback = ConnectAsync,
        };

        // Timeouts are applied per request by the step, on the run's TimeProvider.
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }
}
