namespace PerfSuite.Hosting.Targets;

/// <summary>
/// Decides when a started target is ready to take load. One class per strategy (as in Testcontainers).
/// </summary>
public interface IWaitStrategy
{
    /// <summary>Human-readable description used in timeout errors, e.g. <c>GET /api/v1/healthz answers 200</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Checks readiness once. Returns true when ready; false to be asked again after a short pause.
    /// Must return within a second or so: the caller bounds the overall wait.
    /// </summary>
    Task<bool> IsReadyAsync(Uri baseUri, CancellationToken cancellationToken);
}
