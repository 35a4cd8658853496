using System.Text.Json;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Fluent builder of a <see cref="Scenario"/>. Paths, JSON bodies and Socket.IO string arguments may contain
/// <c>{var}</c> placeholders filled from earlier captures or <see cref="WithVariable"/>; <see cref="Build"/> checks
/// that every placeholder has a source.
/// </summary>
public sealed class ScenarioBuilder
{
    private readonly string _name;
    private readonly int _weight;
    private readonly List<FlowStep> _steps = [];
    private readonly Dictionary<string, VariableValue> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    internal ScenarioBuilder(string name, int weight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        _name = name;
        _weight = weight;
    }

    /// <summary>Sets a variable every run of the flow starts with.</summary>
    /// <param name="name">Variable name.</param>
    /// <param name="value">Its text value.</param>
    public ScenarioBuilder WithVariable(string name, string value)
    {
        _variables[name] = VariableValue.FromString(value);
        return this;
    }

    /// <summary>Adds a header to every HTTP request of the flow added after this call.</summary>
    /// <param name="name">Header name.</param>
    /// <param name="value">Header value.</param>
    public ScenarioBuilder WithHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    /// <summary>Adds a GET request.</summary>
    /// <param name="path">Path template from the base URL, e.g. <c>/api/v1/appointments/{appointment_id}/</c>.</param>
    /// <param name="expect">Expected status; another status fails the request. <c>null</c>: any status below 500.</param>
    /// <param name="capture">Value to capture from the JSON response.</param>
    /// <param name="headers">Headers of this request only (added to those of <see cref="WithHeader"/>).</param>
    public ScenarioBuilder Get(string path, int? expect = null, Capture? capture = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Request(HttpMethod.Get, path, null, expect, capture, headers);

    /// <summary>Adds a POST request with a JSON body (an object serialized once; string values may hold placeholders).</summary>
    /// <param name="path">Path template.</param>
    /// <param name="body">Body object, serialized with System.Text.Json; <c>null</c> for no body.</param>
    /// <param name="expect">Expected status.</param>
    /// <param name="capture">Value to capture from the JSON response.</param>
    /// <param name="headers">Headers of this request only.</param>
    public ScenarioBuilder Post(string path, object? body = null, int? expect = null, Capture? capture = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Request(HttpMethod.Post, path, body, expect, capture, headers);

    /// <summary>Adds a PUT request with a JSON body.</summary>
    /// <param name="path">Path template.</param>
    /// <param name="body">Body object.</param>
    /// <param name="expect">Expected status.</param>
    /// <param name="capture">Value to capture from the JSON response.</param>
    /// <param name="headers">Headers of this request only.</param>
    public ScenarioBuilder Put(string path, object? body = null, int? expect = null, Capture? capture = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Request(HttpMethod.Put, path, body, expect, capture, headers);

    /// <summary>Adds a DELETE request.</summary>
    /// <param name="path">Path template.</param>
    /// <param name="expect">Expected status, e.g. 204.</param>
    /// <param name="headers">Headers of this request only.</param>
    public ScenarioBuilder Delete(string path, int? expect = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Request(HttpMethod.Delete, path, null, expect, null, headers);

    /// <summary>Adds any HTTP request.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Path template.</param>
    /// <param name="body">JSON body object, or <c>null</c>.</param>
    /// <param name="expect">Expected status.</param>
    /// <param name="capture">Value to capture from the JSON response.</param>
    /// <param name="headers">Headers of this request only.</param>
    public ScenarioBuilder Request(HttpMethod method, string path, object? body, int? expect, Capture? capture, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var json = body switch
        {
            null => null,
            string text => text,
            _ => JsonSerializer.Serialize(body, body.GetType()),
        };
        var allHeaders = new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            allHeaders[name] = value;
        }

        _steps.Add(new HttpStep(method, path, json, expect, capture is null ? [] : [capture], allHeaders));
        return this;
    }

    /// <summary>Waits a fixed think time (scaled by the run's think-time scale).</summary>
    /// <param name="duration">Think time, &gt;= 0.</param>
    public ScenarioBuilder Think(TimeSpan duration) => Think(duration, duration);

    /// <summary>Waits a think time drawn uniformly from [min, max) (scaled by the run's think-time scale).</summary>
    /// <param name="min">Shortest think time, &gt;= 0.</param>
    /// <param name="max">Longest think time, &gt;= min.</param>
    public ScenarioBuilder Think(TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        _steps.Add(new ThinkStep(min, max));
        return this;
    }

    /// <summary>Opens a Socket.IO connection (authenticated with the <c>oidc-jwt</c> cookie).</summary>
    /// <param name="path">Engine.IO path, e.g. <c>/api/v1/socket.io</c>.</param>
    /// <param name="headers">Extra headers of the websocket upgrade request (Artillery's <c>socketio.extraHeaders</c>); <c>null</c> for none.</param>
    public ScenarioBuilder SocketIoConnect(string path = "/socket.io", IReadOnlyDictionary<string, string>? headers = null)
    {
        _steps.Add(new SocketIoConnectStep(path, headers ?? new Dictionary<string, string>()));
        return this;
    }

    /// <summary>Emits an event without waiting for anything.</summary>
    /// <param name="eventName">Event name.</param>
    /// <param name="args">Event arguments.</param>
    public ScenarioBuilder Emit(string eventName, params object?[] args)
    {
        _steps.Add(new SocketIoEmitStep(eventName, args, SocketIoEmitMode.FireAndForget));
        return this;
    }

    /// <summary>Emits an event and waits for its acknowledgement (latency = ack round trip).</summary>
    /// <param name="eventName">Event name.</param>
    /// <param name="args">Event arguments.</param>
    public ScenarioBuilder EmitWithAck(string eventName, params object?[] args)
    {
        _steps.Add(new SocketIoEmitStep(eventName, args, SocketIoEmitMode.Ack));
        return this;
    }

    /// <summary>Emits an event and waits for another event (latency from the emit).</summary>
    /// <param name="eventName">Event to emit.</param>
    /// <param name="waitFor">Event to wait for.</param>
    /// <param name="args">One argument, or an <c>object?[]</c> of arguments; <c>null</c> for none.</param>
    /// <param name="timeout">How long to wait; default the run's request timeout.</param>
    public ScenarioBuilder EmitAndWaitFor(string eventName, string waitFor, object? args = null, TimeSpan? timeout = null)
    {
        var list = args switch
        {
            null => [],
            object?[] many => many,
            _ => new[] { args },
        };
        _steps.Add(new SocketIoEmitStep(eventName, list, SocketIoEmitMode.WaitForEvent, waitFor, timeout));
        return this;
    }

    /// <summary>Closes the Socket.IO connection.</summary>
    public ScenarioBuilder SocketIoDisconnect()
    {
        _steps.Add(new SocketIoDisconnectStep());
        return this;
    }

    /// <summary>Builds the scenario.</summary>
    /// <exception cref="InvalidOperationException">A placeholder names a variable that no earlier step captures and no <see cref="WithVariable"/> sets.</exception>
    public Scenario Build()
    {
        var known = new HashSet<string>(_variables.Keys, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var step in _steps)
        {
            problems.AddRange(step.RequiredVariables.Where(v => !known.Contains(v))
                .Select(v => $"scenario '{_name}': step '{step.EndpointName}' uses {{{v}}} but no earlier step captures it"));
            known.UnionWith(step.CapturedVariables);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        return new Scenario(_name, _weight, _steps.ToList(), new Dictionary<string, VariableValue>(_variables));
    }
}
