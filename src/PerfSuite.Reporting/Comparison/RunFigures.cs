using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Comparison;

/// <summary>One side's figures of one round: the whole scenario and each endpoint.</summary>
/// <param name="Overall">The whole scenario.</param>
/// <param name="Endpoints">Each endpoint by name.</param>
public sealed record RunFigures(RoundFigures Overall, IReadOnlyDictionary<string, RoundFigures> Endpoints)
{
    /// <summary>The figures of a run summary.</summary>
    /// <param name="summary">The run.</param>
    public static RunFigures FromSummary(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new RunFigures(
            RoundFigures.FromRun(summary),
            summary.Endpoints.ToDictionary(e => e.Name, e => RoundFigures.FromEndpoint(summary, e), StringComparer.Ordinal));
    }

    /// <summary>The figures of <paramref name="endpoint"/>, or empty figures when the round never reached it.</summary>
    /// <param name="endpoint">Endpoint name.</param>
    public RoundFigures Endpoint(string endpoint) =>
        Endpoints.TryGetValue(endpoint, out var figures) ? figures : new RoundFigures(LatencySample.Empty, 0, 0, Overall.Seconds);
}
