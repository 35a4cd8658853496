using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Fluent builder of a <see cref="Scenario"/>. Paths, JSON bodies and Socket.IO string arguments may contain
/// <c>{var}</c> placeholders filled from earlier captures, custom steps, <see cref="WithFeed"/> or
/// <see cref="WithVariable"/>; <see cref="Build"/> checks that every placeholder has a source and reports every bad
/// input (step options, feeds) at once. Every step takes its options in a lambda: <c>.Get("/x", r =&gt; r.Expect(200))</c>,
/// <c>.EmitWithAck("joinRoom", ["{room}"], m =&gt; m.CheckJson("$.success", true))</c>.
/// </summary>
public sealed class ScenarioBuilder
{
    private const int MaxRepeats = 100_000;
    private readonly string _name;
    private readonly int _weight;
    private readonly List<FlowStep> _steps = [];
    private readonly Dictionary<string, VariableValue> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DataFeed> _feeds = [];
    private readonly List<string> _problems = [];

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
    /// <param name="configure">Expectations, checks, captures and headers, e.g. <c>r =&gt; r.Expect(200).Capture("$.id", "id")</c>; <c>null</c>: any status below 500 passes.</param>
    public ScenarioBuilder Get(string path, Action<RequestOptions>? configure = null) => Request(HttpMethod.Get, path, configure);

    /// <summary>Adds a POST request (a JSON body with <see cref="RequestOptions.Json"/>).</summary>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Body, expectations, checks, captures and headers, e.g. <c>r =&gt; r.Json(body).Expect(201)</c>.</param>
    public ScenarioBuilder Post(string path, Action<RequestOptions>? configure = null) => Request(HttpMethod.Post, path, configure);

    /// <summary>Adds a PUT request.</summary>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Body, expectations, checks, captures and headers.</param>
    public ScenarioBuilder Put(string path, Action<RequestOptions>? configure = null) => Request(HttpMethod.Put, path, configure);

    /// <summary>Adds a PATCH request.</summary>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Body, expectations, checks, captures and headers.</param>
    public ScenarioBuilder Patch(string path, Action<RequestOptions>? configure = null) => Request(HttpMethod.Patch, path, configure);

    /// <summary>Adds a DELETE request.</summary>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Expectations, checks, captures and headers, e.g. <c>r =&gt; r.Expect(204)</c>.</param>
    public ScenarioBuilder Delete(string path, Action<RequestOptions>? configure = null) => Request(HttpMethod.Delete, path, configure);

    /// <summary>Adds a HEAD request.</summary>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Expectations and headers.</param>
    public ScenarioBuilder Head(string path, Action<RequestOptions>? configure = null) => Request(HttpMethod.Head, path, configure);

    /// <summary>Adds an OPTIONS request.</summary>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Expectations, checks and headers.</param>
    public ScenarioBuilder Options(string path, Action<RequestOptions>? configure = null) => Request(HttpMethod.Options, path, configure);

    /// <summary>Adds a request with any method, e.g. <c>new HttpMethod("PURGE")</c>. The endpoint is <c>METHOD path-template</c> unless <see cref="RequestOptions.EndpointName"/> names it.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Path template.</param>
    /// <param name="configure">Body, expectations, checks, captures and headers.</param>
    public ScenarioBuilder Request(HttpMethod method, string path, Action<RequestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var options = new RequestOptions();
        configure?.Invoke(options);
        var headers = new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in options.Headers)
        {
            headers[name] = value;
        }

        var step = new HttpStep(method, path, options.JsonBody, options.ExpectedStatus, options.AcceptsAnyStatus, options.Captures, options.Checks, headers, options.TemplatedHeaders, options.EndpointNameOverride, options.ExpectedStatuses, options.FollowsRedirects, options.ExpectedStatusTemplate, options.Equalities, options.HeaderCaptures);
        return Add(step, [.. options.Problems, .. options.ProblemsOfStatus()]);
    }

    /// <summary>Adds a data feed: each run of the flow starts with one record's fields as variables (<c>{field}</c>).</summary>
    /// <param name="feed">The feed, e.g. <c>DataFeed.FromCsv("users.csv", FeedOrder.Unique)</c>; it is read and checked by <see cref="Build"/>.</param>
    public ScenarioBuilder WithFeed(DataFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _feeds.Add(feed);
        return this;
    }

    /// <summary>
    /// Adds a custom step: <paramref name="body"/> runs with the user's <see cref="StepContext"/> and is timed, counted
    /// and reported like a built-in request under the endpoint <paramref name="name"/> (kind <c>custom</c>, code 0).
    /// An exception is the error <c>step-failed</c> (<c>timeout</c> when the run's request timeout, which the token
    /// carries, cancelled it; <c>check:&lt;name&gt;</c> from <see cref="StepContext.Check"/>) and ends the user's flow.
    /// </summary>
    /// <param name="name">Endpoint name in the reports, e.g. <c>login</c>.</param>
    /// <param name="body">The step; honour the token.</param>
    /// <param name="sets">Variables the step sets with <see cref="StepContext.Set(string, string)"/>, so later <c>{placeholders}</c> may use them; one it does not set is <c>capture-failed</c>.</param>
    public ScenarioBuilder Step(string name, Func<StepContext, CancellationToken, Task> body, params string[] sets)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(name))
        {
            _problems.Add($"scenario '{_name}': Step: name must not be empty (was '{name}')");
            return this;
        }

        _steps.Add(new LambdaStep(name, body, CheckNames($"step '{name}'", sets)));
        return this;
    }

    /// <summary>
    /// Adds untimed bookkeeping between steps (log a line, derive a variable): no endpoint, nothing recorded. An
    /// exception here is a bug in the scenario and fails the run as an engine fault; use <see cref="Step"/> for work.
    /// </summary>
    /// <param name="action">The action.</param>
    /// <param name="sets">Variables the action sets, so later <c>{placeholders}</c> may use them.</param>
    public ScenarioBuilder Do(Action<StepContext> action, params string[] sets)
    {
        ArgumentNullException.ThrowIfNull(action);
        _steps.Add(new ActionStep(action, CheckNames("Do", sets)));
        return this;
    }

    /// <summary>Repeats steps: <paramref name="body"/> adds them once, the flow runs them <paramref name="count"/> times in a row (Artillery's <c>loop</c> with <c>count</c>).</summary>
    /// <param name="count">Times, 0..100000.</param>
    /// <param name="body">Adds the steps to repeat, e.g. <c>b =&gt; b.Get("/x").Think(TimeSpan.FromSeconds(1))</c>.</param>
    public ScenarioBuilder Repeat(int count, Action<ScenarioBuilder> body)
    {
        var steps = Nested("Repeat", count, body);
        for (var i = 0; i < count; i++)
        {
            _steps.AddRange(steps);
        }

        return this;
    }

    /// <summary>
    /// Repeats steps for as long as the run lasts (Artillery's <c>loop</c> without <c>count</c>, which loops forever): the
    /// flow never ends by itself, so its user is stopped with the run, when the graceful stop after the last phase
    /// expires, and counts as failed (the step in flight then is a timeout), or with an interrupt. A body step that fails
    /// ends the flow as usual. The body should wait (a request, a think time): one that does not spins on its thread.
    /// </summary>
    /// <param name="body">Adds the steps to repeat, e.g. <c>b =&gt; b.Get("/x")</c>.</param>
    public ScenarioBuilder RepeatUntilStopped(Action<ScenarioBuilder> body)
    {
        var steps = Nested("RepeatUntilStopped", 1, body);
        if (steps.Count == 0)
        {
            _problems.Add($"scenario '{_name}': RepeatUntilStopped: the body has no step");
            return this;
        }

        var start = _steps.Count;
        _steps.AddRange(steps);
        _steps.Add(new LoopBackStep(start));
        return this;
    }

    /// <summary>Runs steps once per value, with the value in <c>{<paramref name="into"/>}</c> (Artillery's <c>loop</c> with <c>over</c>, for values known when the flow is built).</summary>
    /// <param name="into">Variable that holds the current value.</param>
    /// <param name="values">The values, in order (at most 100000).</param>
    /// <param name="body">Adds the steps to run for each value.</param>
    public ScenarioBuilder ForEach(string into, IEnumerable<string> values, Action<ScenarioBuilder> body)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        if (!VariableNames.IsValid(into))
        {
            _problems.Add($"scenario '{_name}': ForEach: variable name '{into}' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)");
            return this;
        }

        var steps = Nested("ForEach", list.Count, body);
        foreach (var value in list)
        {
            _steps.Add(new SetVariableStep(into, VariableValue.FromString(value)));
            _steps.AddRange(steps);
        }

        return this;
    }

    /// <summary>Adds a built step with the problems found in its options.</summary>
    internal ScenarioBuilder Add(FlowStep step, IReadOnlyList<string> problems)
    {
        _problems.AddRange(problems.Select(p => $"scenario '{_name}': step '{step.EndpointName}': {p}"));
        _steps.Add(step);
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

    /// <summary>Opens a Socket.IO connection (websocket transport, authenticated with the <c>oidc-jwt</c> cookie); endpoint <c>socket.io connect &lt;path&gt;</c>.</summary>
    /// <param name="path">Engine.IO path, e.g. <c>/api/v1/socket.io</c>.</param>
    /// <param name="configure">Headers of the websocket upgrade request (Artillery's <c>socketio.extraHeaders</c>), e.g. <c>c =&gt; c.Header("X-Tenant", "a")</c>.</param>
    public ScenarioBuilder SocketIoConnect(string path = "/socket.io", Action<ConnectOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var options = new ConnectOptions();
        configure?.Invoke(options);
        var step = new SocketIoConnectStep(path, new Dictionary<string, string>(options.Headers, StringComparer.OrdinalIgnoreCase));
        return Add(step, options.Problems);
    }

    /// <summary>Emits an event without waiting for anything; endpoint <c>socket.io emit &lt;event&gt;</c>.</summary>
    /// <param name="eventName">Event name.</param>
    /// <param name="args">Event arguments, e.g. <c>["{room}"]</c>; string arguments may hold <c>{placeholders}</c>; <c>null</c> for none.</param>
    public ScenarioBuilder Emit(string eventName, object?[]? args = null) =>
        AddEmit(eventName, args, SocketIoEmitMode.FireAndForget, null, null);

    /// <summary>
    /// Emits an event and waits for its acknowledgement (latency = ack round trip); endpoint <c>socket.io ack &lt;event&gt;</c>.
    /// Without checks any acknowledgement passes, <c>{"success":false}</c> included; with
    /// <c>m =&gt; m.CheckJson("$.success", true)</c> that ack is the error <c>check:$.success == true</c>.
    /// </summary>
    /// <param name="eventName">Event name.</param>
    /// <param name="args">Event arguments, e.g. <c>["{room}"]</c>; <c>null</c> for none.</param>
    /// <param name="configure">Checks, captures and timeout of the acknowledgement.</param>
    public ScenarioBuilder EmitWithAck(string eventName, object?[]? args = null, Action<MessageOptions>? configure = null) =>
        AddEmit(eventName, args, SocketIoEmitMode.Ack, null, configure);

    /// <summary>Emits an event and waits for another one (latency from the emit); endpoint <c>socket.io event &lt;waitFor&gt;</c>.</summary>
    /// <param name="eventName">Event to emit.</param>
    /// <param name="waitFor">Event to wait for (registered before the emit, so it cannot be missed).</param>
    /// <param name="args">Arguments of the emitted event, e.g. <c>["{room}"]</c>; <c>null</c> for none.</param>
    /// <param name="configure">Checks, captures and timeout of the awaited event.</param>
    public ScenarioBuilder EmitAndWaitFor(string eventName, string waitFor, object?[]? args = null, Action<MessageOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waitFor);
        return AddEmit(eventName, args, SocketIoEmitMode.WaitForEvent, waitFor, configure);
    }

    /// <summary>Closes the Socket.IO connection.</summary>
    public ScenarioBuilder SocketIoDisconnect()
    {
        _steps.Add(new SocketIoDisconnectStep());
        return this;
    }

    /// <summary>Builds the scenario.</summary>
    /// <exception cref="InvalidOperationException">
    /// Every problem at once: a placeholder names a variable that no earlier step, feed or <see cref="WithVariable"/>
    /// sets; a step's options are invalid; a feed's file is missing, malformed or empty.
    /// </exception>
    public Scenario Build()
    {
        var problems = new List<string>(_problems);
        if (_steps.Count == 0 && _problems.Count == 0)
        {
            // A flow without a step would run, send nothing and pass every budget: never a pass by mistake.
            problems.Add($"scenario '{_name}': the flow has no step (was 0 steps); give at least one step: a request, a Socket.IO step, a think time or a custom step");
        }

        var known = new HashSet<string>(_variables.Keys, StringComparer.Ordinal);
        var feeds = new List<LoadedFeed>();
        foreach (var feed in _feeds)
        {
            if (feed.Load(out var loaded) is { Count: > 0 } feedProblems)
            {
                problems.AddRange(feedProblems.Select(p => $"scenario '{_name}': {p}"));
                continue;
            }

            problems.AddRange(loaded.Fields.Where(known.Contains)
                .Select(f => $"scenario '{_name}': feed {feed.Name}: field '{f}' is also set by another feed or WithVariable"));
            known.UnionWith(loaded.Fields);
            feeds.Add(loaded);
        }

        foreach (var step in _steps)
        {
            problems.AddRange(step.RequiredVariables.Where(v => !known.Contains(v))
                .Select(v => $"scenario '{_name}': step '{step.EndpointName}' uses {{{v}}} but no earlier step captures it"));
            known.UnionWith(step.CapturedVariables);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems.Distinct(StringComparer.Ordinal)));
        }

        return new Scenario(_name, _weight, _steps.ToList(), new Dictionary<string, VariableValue>(_variables), feeds);
    }

    private ScenarioBuilder AddEmit(string eventName, object?[]? args, SocketIoEmitMode mode, string? waitFor, Action<MessageOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var options = new MessageOptions();
        configure?.Invoke(options);
        var step = new SocketIoEmitStep(eventName, args ?? [], mode, waitFor, options.WaitTimeout, options.Checks, options.Captures);
        return Add(step, options.Problems);
    }

    private List<FlowStep> Nested(string what, int count, Action<ScenarioBuilder> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count is < 0 or > MaxRepeats)
        {
            _problems.Add($"scenario '{_name}': {what}: count must be 0..{MaxRepeats} (was {count})");
            return [];
        }

        var nested = new ScenarioBuilder(_name, _weight);
        foreach (var (name, value) in _headers)
        {
            nested._headers[name] = value;
        }

        body(nested);
        _problems.AddRange(nested._problems);
        if (nested._feeds.Count > 0 || nested._variables.Count > 0)
        {
            _problems.Add($"scenario '{_name}': {what}: WithFeed and WithVariable belong to the scenario, not inside a loop");
        }

        return nested._steps;
    }

    private string[] CheckNames(string what, string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _problems.AddRange(names.Where(n => !VariableNames.IsValid(n))
            .Select(n => $"scenario '{_name}': {what}: variable name '{n}' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)"));
        return names.Distinct(StringComparer.Ordinal).ToArray();
    }
}
