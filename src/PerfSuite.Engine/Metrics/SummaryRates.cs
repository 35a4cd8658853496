namespace PerfSuite.Engine.Metrics;

/// <summary>
/// Rates of an endpoint derived exactly as <see cref="RunSummary"/> defines them for the run
/// (<see cref="RunSummary.ErrorRate"/>, <see cref="RunSummary.RequestsPerSecond"/>), so budgets and reports agree.
/// </summary>
public static class SummaryRates
{
    /// <summary>FailedRequests / Requests, 0 when there were no requests.</summary>
    public static double ErrorRate(EndpointSummary endpoint) =>
        endpoint.Requests == 0 ? 0 : (double)endpoint.FailedRequests / endpoint.Requests;

    /// <summary>FailedRequests / Requests of a scenario, 0 when there were no requests.</summary>
    public static double ErrorRate(ScenarioSummary scenario) =>
        scenario.Requests == 0 ? 0 : (double)scenario.FailedRequests / scenario.Requests;

    /// <summary>The endpoint's requests over the run's measured duration in seconds, 0 for a zero duration.</summary>
    public static double RequestsPerSecond(RunSummary run, EndpointSummary endpoint) =>
        run.Duration <= TimeSpan.Zero ? 0 : endpoint.Requests / run.Duration.TotalSeconds;
}
