namespace PerfSuite.Engine.Load;

/// <summary>
/// The timeline a scheduler consumes: every virtual-user start of a profile, in phase order, offsets from the run start.
/// Plans made by <see cref="LoadProfile.Plan"/> compute arrivals on demand, so long, fast plans take constant memory.
/// </summary>
/// <param name="Phases">The profile's phases.</param>
/// <param name="Starts">Starts in ascending offset order within each phase; phases follow each other.</param>
/// <param name="Duration">Total length of the phases.</param>
public sealed record LoadPlan(IReadOnlyList<LoadPhase> Phases, IReadOnlyList<PlannedPhaseStart> Starts, TimeSpan Duration)
{
    /// <summary>Arrivals (open-model starts) planned in the phase at <paramref name="phaseIndex"/>.</summary>
    /// <param name="phaseIndex">Index of the phase in the profile.</param>
    public long ArrivalsIn(int phaseIndex) => Phases[phaseIndex] is ArrivalPhase arrivals ? arrivals.Plan().Count : 0;

    /// <summary>Offset of the start of the phase at <paramref name="phaseIndex"/> from the run start.</summary>
    /// <param name="phaseIndex">Index of the phase in the profile.</param>
    public TimeSpan PhaseStart(int phaseIndex) => Phases.Take(phaseIndex).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
}
