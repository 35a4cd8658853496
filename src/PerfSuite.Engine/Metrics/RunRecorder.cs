using HdrHistogram;

namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Everything a run records while it runs. Endpoints are registered (resolved to integer ids) before the run; the
/// hot path then takes no lock shared by the virtual users and allocates nothing per sample.
/// Samples of warm-up users go to the time series only.
/// </summary>
internal sealed class RunRecorder
{
    private readonly List<EndpointRecorder> _endpoints = [];

    // The live meter's tags, made once per scenario and endpoint so that recording allocates nothing.
    private readonly KeyValuePair<string, object?>[][] _scenarioTags;
    private readonly List<KeyValuePair<string, object?>[]> _endpointTags = [];
    private readonly List<KeyValuePair<string, object?>[][]> _errorTags = [];
    private readonly List<string> _baggage = [];
    private readonly long[] _launched;
    private readonly long[] _completed;
    private readonly long[] _failed;
    private readonly long[] _skipped;
    private long _messagesSent;
    private long _retried;
    private long _messagesReceived;

    public RunRecorder(IReadOnlyList<string> scenarioNames, TimeSpan plannedDuration = default)
    {
        ScenarioNames = scenarioNames;
        Series = new SeriesRecorder(plannedDuration);
        _launched = new long[scenarioNames.Count];
        _completed = new long[scenarioNames.Count];
        _failed = new long[scenarioNames.Count];
        _skipped = new long[scenarioNames.Count];
        _scenarioTags = [.. scenarioNames.Select(EngineMeter.ScenarioTags)];
    }

    public IReadOnlyList<string> ScenarioNames { get; }

    /// <summary>Each endpoint's latencies second by second too (<see cref="Load.LoadRunOptions.EndpointIntervals"/>). Set before endpoints are registered.</summary>
    public bool EndpointIntervals { get; init; }

    /// <summary>Trace context of the run; null when off. Set before endpoints are registered.</summary>
    public Tracing.TraceContextOptions? TraceContext { get; init; }

    /// <summary>The baggage header value of an endpoint (trace context on), made once at registration.</summary>
    public string Baggage(int endpoint) => _baggage[endpoint];

    public SeriesRecorder Series { get; }

    /// <summary>Lag between each arrival's intended and actual start, in microseconds (all phases).</summary>
    public HistogramBase ArrivalLag { get; } = LatencyHistograms.CreateConcurrent();

    public IReadOnlyList<EndpointRecorder> Endpoints => _endpoints;

    /// <summary>Registers an endpoint of a scenario before the run and returns its id; the same name gives the same id.</summary>
    public int RegisterEndpoint(int scenarioIndex, string name, string kind)
    {
        var existing = _endpoints.FindIndex(e => e.ScenarioIndex == scenarioIndex && e.Name == name);
        if (existing >= 0)
        {
            return existing;
        }

        var recorder = new EndpointRecorder(scenarioIndex, name, kind);
        if (TraceContext is { } trace)
        {
            recorder.KeepSlowest(trace.SlowestPerEndpoint);
        }

        if (EndpointIntervals)
        {
            recorder.RecordIntervals();
        }

        _endpoints.Add(recorder);
        _baggage.Add(TraceContext is { } context ? Tracing.TraceHeaders.BaggageValue(context.RunId, ScenarioNames[scenarioIndex], name) : string.Empty);
        _endpointTags.Add(EngineMeter.EndpointTags(ScenarioNames[scenarioIndex], name));
        _errorTags.Add(EngineMeter.ErrorTags(ScenarioNames[scenarioIndex], name));
        return _endpoints.Count - 1;
    }

    /// <summary>Closes the current second of the time series and, when recorded, of every endpoint (the sampler, once a second).</summary>
    public (TimeSeriesPoint Point, HistogramBase Latency) CloseSecond()
    {
        var closed = Series.CloseSecond();
        foreach (var endpoint in _endpoints)
        {
            endpoint.CloseSecond();
        }

        return closed;
    }

    public void RecordLag(TimeSpan lag)
    {
        ArrivalLag.RecordValue(LatencyHistograms.Clamp((long)Math.Max(0, lag.TotalMicroseconds)));
        if (EngineMeter.ArrivalLag.Enabled)
        {
            EngineMeter.ArrivalLag.Record(Math.Max(0, lag.TotalSeconds));
        }
    }

    public void Arrival(int scenario, bool warmUp, bool skipped, TimeSpan due)
    {
        Series.Arrival(due, skipped);
        if (!warmUp && skipped)
        {
            Interlocked.Increment(ref _skipped[scenario]);
            EngineMeter.ArrivalsSkipped.Add(1, _scenarioTags[scenario]);
        }
    }

    public void UserStarted(int scenario, bool warmUp)
    {
        Series.UserStarted();
        if (!warmUp)
        {
            Interlocked.Increment(ref _launched[scenario]);
            EngineMeter.ArrivalsLaunched.Add(1, _scenarioTags[scenario]);
        }
    }

    public void UserEnded(int scenario, bool warmUp, bool failed)
    {
        Series.UserEnded();
        if (!warmUp)
        {
            Interlocked.Increment(ref failed ? ref _failed[scenario] : ref _completed[scenario]);
        }
    }

    /// <summary>Iteration of a closed-model user: counted like a launch and end, without touching the active-user gauge.</summary>
    public void IterationStarted(int scenario, bool warmUp)
    {
        if (!warmUp)
        {
            Interlocked.Increment(ref _launched[scenario]);
            EngineMeter.ArrivalsLaunched.Add(1, _scenarioTags[scenario]);
        }
    }

    public void IterationEnded(int scenario, bool warmUp, bool failed)
    {
        if (!warmUp)
        {
            Interlocked.Increment(ref failed ? ref _failed[scenario] : ref _completed[scenario]);
        }
    }

    public void Response(int endpoint, bool warmUp, long microseconds, int status, bool failed, string? traceParent = null)
    {
        Series.Request(microseconds, failed);
        if (!warmUp)
        {
            _endpoints[endpoint].RecordResponse(microseconds, status, failed);
            if (traceParent is not null)
            {
                _endpoints[endpoint].RecordSlow(microseconds, traceParent);
            }

            Meter(endpoint, microseconds, failed);
        }
    }

    public void TransportError(int endpoint, bool warmUp, ErrorKind kind, string? detail)
    {
        Series.TransportError();
        if (!warmUp)
        {
            _endpoints[endpoint].RecordTransportError(kind, detail);
            EngineMeter.Requests.Add(1, _endpointTags[endpoint]);
            EngineMeter.FailedRequests.Add(1, _endpointTags[endpoint]);
            EngineMeter.Errors.Add(1, _errorTags[endpoint][(int)kind]);
        }
    }

    /// <summary>An error that is not a request of its own (unexpected status, failed capture, failed check named by <paramref name="detail"/>).</summary>
    public void StepError(int endpoint, bool warmUp, ErrorKind kind, string? detail = null)
    {
        if (!warmUp)
        {
            _endpoints[endpoint].RecordError(kind, detail);
            EngineMeter.Errors.Add(1, _errorTags[endpoint][(int)kind]);
        }
    }

    // The live meter: off the verdict's data, allocation-free (cached tags), no lock of ours.
    private void Meter(int endpoint, long microseconds, bool failed)
    {
        var tags = _endpointTags[endpoint];
        EngineMeter.Requests.Add(1, tags);
        if (failed)
        {
            EngineMeter.FailedRequests.Add(1, tags);
        }

        if (EngineMeter.Duration.Enabled)
        {
            EngineMeter.Duration.Record(microseconds / 1_000_000.0, tags);
        }
    }

    public void Messages(bool warmUp, int sent, int received)
    {
        if (!warmUp)
        {
            Interlocked.Add(ref _messagesSent, sent);
            Interlocked.Add(ref _messagesReceived, received);
        }
    }

    public long MessagesSent => Volatile.Read(ref _messagesSent);

    /// <summary>Requests sent once more after the server dropped a reused connection (<see cref="Load.LoadRunOptions.RetryDroppedRequests"/>).</summary>
    public void Retried(bool warmUp, int count)
    {
        if (!warmUp)
        {
            Interlocked.Add(ref _retried, count);
        }
    }

    public long RetriedRequests => Volatile.Read(ref _retried);

    public long MessagesReceived => Volatile.Read(ref _messagesReceived);

    /// <summary>Errors so far by kind key, named errors under their kind, warm-up excluded; only kinds seen. Safe to call while the run records.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind()
    {
        var counts = new long[ErrorKinds.Count];
        foreach (var endpoint in _endpoints)
        {
            endpoint.AddErrorCounts(counts);
        }

        var byKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                byKind[ErrorKinds.ToKey((ErrorKind)i)] = counts[i];
            }
        }

        return byKind;
    }

    public (long Launched, long Completed, long Failed, long Skipped) Scenario(int index) =>
        (Volatile.Read(ref _launched[index]), Volatile.Read(ref _completed[index]), Volatile.Read(ref _failed[index]), Volatile.Read(ref _skipped[index]));
}
