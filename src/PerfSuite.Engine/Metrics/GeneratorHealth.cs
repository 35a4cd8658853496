namespace PerfSuite.Engine.Metrics;

/// <summary>
/// How well the load generator kept up, and what the load itself cost. A run is flagged generator-bound when the arrival
/// lag p99 exceeds 50 ms or the generator's CPU use exceeds 90 %: its latencies may then measure the generator rather than
/// the server. The CPU figures separate the generator's own work during the load window from what the process had used
/// before it (start-up, JIT, earlier tests in the same test host) and from the rest of the machine (the server under test
/// and everything else).
/// </summary>
/// <param name="ArrivalLag">Lag between each arrival's intended and actual start.</param>
/// <param name="CpuSeconds">CPU time (user + system) the generator process used during the run (the load window).</param>
/// <param name="CpuUtilization">CpuSeconds divided by (wall time × processor count), 0..1.</param>
/// <param name="GeneratorBound">True when any reason applies.</param>
/// <param name="Reasons">Why the run is flagged, one readable sentence each; empty when healthy.</param>
public sealed record GeneratorHealth(
    LatencyStats ArrivalLag,
    double CpuSeconds,
    double CpuUtilization,
    bool GeneratorBound,
    IReadOnlyList<string> Reasons)
{
    /// <summary>Wall time of the load window in seconds (the run, warm-up included); 0 when not measured.</summary>
    public double WindowSeconds { get; init; }

    /// <summary>Requests sent during the load window, warm-up included: what <see cref="CpuSeconds"/> paid for.</summary>
    public long WindowRequests { get; init; }

    /// <summary><see cref="CpuSeconds"/> per request of the window, in microseconds; null when no request was sent.</summary>
    public double? CpuMicrosecondsPerRequest =>
        WindowRequests > 0 ? CpuSeconds * 1e6 / WindowRequests : null;

    /// <summary><see cref="CpuSeconds"/> as a share of one core over the window (1 = one core busy throughout); null when not measured.</summary>
    public double? CpuShareOfOneCore => WindowSeconds > 0 ? CpuSeconds / WindowSeconds : null;

    /// <summary>
    /// CPU time the generator process had used before the window began (its start-up, JIT and, under a test host, the
    /// tests that ran before); null when not measured.
    /// </summary>
    public double? StartupCpuSeconds { get; init; }

    /// <summary>
    /// CPU time the rest of the machine used during the window: every core's busy time (<c>/proc/stat</c>) minus the
    /// generator's own <see cref="CpuSeconds"/>, i.e. the server under test and everything else; null where there is no
    /// <c>/proc/stat</c> (not Linux).
    /// </summary>
    public double? HostOtherCpuSeconds { get; init; }

    /// <summary><see cref="HostOtherCpuSeconds"/> in cores (seconds per second of the window); null when either is unknown.</summary>
    public double? HostOtherCores => HostOtherCpuSeconds is { } other && WindowSeconds > 0 ? other / WindowSeconds : null;
}
