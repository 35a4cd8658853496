namespace PerfSuite.Engine.Metrics;

/// <summary>One load phase as it ran.</summary>
/// <param name="Name">Phase name.</param>
/// <param name="Description">Human-readable description, e.g. <c>ramp 10→50/s for 30 s, maxVusers 200</c>.</param>
/// <param name="Duration">Planned duration.</param>
/// <param name="WarmUp">True when the phase was excluded from the statistics.</param>
/// <param name="Arrivals">Arrivals planned in the phase (0 for closed-model phases).</param>
public sealed record PhaseSummary(string Name, string Description, TimeSpan Duration, bool WarmUp, long Arrivals);
