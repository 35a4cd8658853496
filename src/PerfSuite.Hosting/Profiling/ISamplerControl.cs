using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Hosting.Profiling;

/// <summary>How PerfSuite drives the in-process sampler of a server: a shared folder (<see cref="SamplerFolder"/>) or its HTTP endpoint (<see cref="SamplerEndpoint"/>).</summary>
public interface ISamplerControl
{
    /// <summary>What is controlled, for the log and the report (never a token), e.g. <c>the sampler folder /tmp/x</c>.</summary>
    string Description { get; }

    /// <summary>Whether a sampler answers (a worker loaded it); <c>null</c> when it does, else why not.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Why the sampler is not usable, or <c>null</c>.</returns>
    Task<string?> ProblemAsync(CancellationToken cancellationToken);

    /// <summary>Starts recording <paramref name="recordingId"/> in every worker.</summary>
    /// <param name="recordingId">Letters, digits, <c>-</c> and <c>_</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task completing once the workers have been told.</returns>
    Task StartAsync(string recordingId, CancellationToken cancellationToken);

    /// <summary>Stops <paramref name="recordingId"/> and returns every worker's stacks merged.</summary>
    /// <param name="recordingId">The recording.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The stacks (py-spy's raw format).</returns>
    /// <exception cref="ProfilerException">A worker did not hand its stacks in time.</exception>
    Task<CollapsedStacks> StopAsync(string recordingId, CancellationToken cancellationToken);

    /// <summary>Every worker's dump of all live greenlets' stacks, grouped by identical stack with counts.</summary>
    /// <param name="dumpId">The dump.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The dump's text.</returns>
    /// <exception cref="ProfilerException">No worker answered in time.</exception>
    Task<string> DumpAsync(string dumpId, CancellationToken cancellationToken);
}
