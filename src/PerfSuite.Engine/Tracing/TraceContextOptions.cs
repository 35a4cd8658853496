namespace PerfSuite.Engine.Tracing;

/// <summary>
/// W3C trace context on every request: when set on <see cref="Load.LoadRunOptions.TraceContext"/>, every HTTP request
/// and every Socket.IO connect (its upgrade request) carries a fresh <c>traceparent</c>
/// (<c>00-&lt;32 hex trace id&gt;-&lt;16 hex span id&gt;-01</c>) and a <c>baggage</c> header
/// <c>perfsuite.run=&lt;run id&gt;,perfsuite.scenario=&lt;name&gt;,perfsuite.step=&lt;endpoint&gt;</c>, and the summary keeps the
/// trace ids of each endpoint's slowest requests (<see cref="Metrics.EndpointSummary.SlowestRequests"/>).
/// </summary>
/// <param name="RunId">The run id sent in the baggage (<c>perfsuite.run</c>).</param>
public sealed record TraceContextOptions(string RunId)
{
    /// <summary>How many of the slowest requests each endpoint keeps; default 5, from 1 to 100.</summary>
    public int SlowestPerEndpoint { get; init; } = 5;
}
