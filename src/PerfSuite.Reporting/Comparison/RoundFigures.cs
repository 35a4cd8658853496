using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Comparison;

/// <summary>What one side measured for one scope (an endpoint, or the whole scenario) in one round.</summary>
/// <param name="Latency">The round's latencies (exact, from its HdrHistogram).</param>
/// <param name="Requests">Requests completed or failed.</param>
/// <param name="FailedRequests">Requests counted as failed.</param>
/// <param name="Seconds">Measured length of the round in seconds (&gt; 0), for throughput.</param>
public sealed record RoundFigures(LatencySample Latency, long Requests, long FailedRequests, double Seconds)
{
    /// <summary>The figures of the whole run.</summary>
    /// <param name="summary">A run summary.</param>
    public static RoundFigures FromRun(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new RoundFigures(LatencySample.FromEncoded(summary.Histogram), summary.Requests, summary.FailedRequests, summary.Duration.TotalSeconds);
    }

    /// <summary>The figures of one endpoint of a run.</summary>
    /// <param name="summary">The run summary, for its duration.</param>
    /// <param name="endpoint">One of its endpoints.</param>
    public static RoundFigures FromEndpoint(RunSummary summary, EndpointSummary endpoint)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(endpoint);
        return new RoundFigures(LatencySample.FromEncoded(endpoint.Histogram), endpoint.Requests, endpoint.FailedRequests, summary.Duration.TotalSeconds);
    }
}
