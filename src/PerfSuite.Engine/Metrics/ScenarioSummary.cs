namespace PerfSuite.Engine.Metrics;

/// <summary>Figures of one scenario (flow) of a run.</summary>
/// <param name="Name">Scenario name, e.g. <c>CSR – Websockets</c>.</param>
/// <param name="Launched">Virtual users that started this scenario.</param>
/// <param name="Completed">Virtual users that ran it to the end without a failed step.</param>
/// <param name="Failed">Virtual users whose flow ended with a failure (launched = completed + failed once the run is over).</param>
/// <param name="SkippedArrivals">Arrivals assigned to this scenario that were skipped because the concurrency cap was reached.</param>
/// <param name="Requests">Requests and Socket.IO operations issued by this scenario.</param>
/// <param name="FailedRequests">Of those, failed ones.</param>
/// <param name="Latency">Latency over all of this scenario's requests.</param>
/// <param name="Endpoints">Per-endpoint figures of this scenario.</param>
/// <param name="Histogram">The scenario's latency histogram, HdrHistogram-encoded (compressed, base64).</param>
public sealed record ScenarioSummary(
    string Name,
    long Launched,
    long Completed,
    long Failed,
    long SkippedArrivals,
    long Requests,
    long FailedRequests,
    LatencyStats Latency,
    IReadOnlyList<EndpointSummary> Endpoints,
    string Histogram);
