namespace PerfSuite.Engine.Metrics;

/// <summary>
/// How well the load generator kept up. A run is flagged generator-bound when the arrival lag p99 exceeds 50 ms
/// or the generator's CPU use exceeds 90 %: its latencies may then measure the generator rather than the server.
/// </summary>
/// <param name="ArrivalLag">Lag between each arrival's intended and actual start.</param>
/// <param name="CpuSeconds">CPU time (user + system) the generator process used during the run.</param>
/// <param name="CpuUtilization">CpuSeconds divided by (wall time × processor count), 0..1.</param>
/// <param name="GeneratorBound">True when any reason applies.</param>
/// <param name="Reasons">Why the run is flagged, one readable sentence each; empty when healthy.</param>
public sealed record GeneratorHealth(
    LatencyStats ArrivalLag,
    double CpuSeconds,
    double CpuUtilization,
    bool GeneratorBound,
    IReadOnlyList<string> Reasons);
