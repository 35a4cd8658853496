namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Figures of one endpoint: an HTTP method + path template (<c>GET /api/v1/appointments/{appointment_id}/</c>)
/// or a Socket.IO operation (<c>socket.io connect</c>, <c>socket.io ack joinRoom</c>, <c>socket.io event joinRoomSuccess</c>).
/// </summary>
/// <param name="Name">Method and path template, or Socket.IO operation and event name.</param>
/// <param name="Kind"><c>http</c> or <c>socket.io</c>.</param>
/// <param name="Requests">Requests (or Socket.IO operations) completed or failed.</param>
/// <param name="FailedRequests">Requests counted as failed (see <see cref="RunSummary.ErrorRate"/>).</param>
/// <param name="Latency">Latency of every request that produced a response.</param>
/// <param name="Codes">Response codes (HTTP status as a decimal string; <c>0</c> for a Socket.IO operation, as Artillery prints).</param>
/// <param name="Errors">Failures by kind, keyed by the kebab-case name of <see cref="ErrorKind"/>.</param>
/// <param name="Histogram">The latency histogram, HdrHistogram-encoded (compressed, base64), mergeable exactly.</param>
public sealed record EndpointSummary(
    string Name,
    string Kind,
    long Requests,
    long FailedRequests,
    LatencyStats Latency,
    IReadOnlyDictionary<string, long> Codes,
    IReadOnlyDictionary<string, long> Errors,
    string Histogram)
{
    /// <summary>
    /// The slowest requests with their trace ids, slowest first, when the run sent trace context
    /// (<see cref="Tracing.TraceContextOptions"/>); otherwise empty.
    /// </summary>
    public IReadOnlyList<SlowRequest> SlowestRequests { get; init; } = [];

    /// <summary>
    /// The endpoint's latencies second by second, in microseconds, each an encoded HdrHistogram
    /// (<see cref="LatencyHistograms.Encode"/>) or <c>null</c> for a second without one; index i is the second of
    /// <see cref="RunSummary.Series"/>[i]. Added up they are exactly <see cref="Histogram"/>. <c>null</c> when not recorded
    /// (<see cref="Load.LoadRunOptions.EndpointIntervals"/> off); never in <c>report.json</c> (a shard's per-endpoint
    /// <c>hlog/*.hlog</c> holds them).
    /// </summary>
    public IReadOnlyList<string?>? Seconds { get; init; }
}
