namespace PerfSuite.Engine.Load;

/// <summary>
/// The timeline a scheduler consumes: every virtual-user start of a profile, in phase order, offsets from the run start.
/// Plans made by <see cref="LoadProfile.Plan()"/> compute arrivals on demand, so long, fast plans take constant memory.
/// </summary>
/// <param name="Phases">The profile's phases.</param>
/// <param name="Starts">Starts in ascending offset order within each phase; phases follow each other.</param>
/// <param name="Duration">Total length of the phases.</param>
public sealed record LoadPlan(IReadOnlyList<LoadPhase> Phases, IReadOnlyList<PlannedPhaseStart> Starts, TimeSpan Duration)
{
    /// <summary>Arrivals (open-model starts) planned in the phase at <paramref name="phaseIndex"/>.</summary>
    /// <param name="phaseIndex">Index of the phase in the profile.</param>
    public long ArrivalsIn(int phaseIndex)
    {
        if (Phases[phaseIndex] is not ArrivalPhase arrivals)
        {
            return 0;
        }

        var count = arrivals.Plan().Count;
        if (Shard.IsWhole)
        {
            return count;
        }

        // The phase's starts are whole-plan starts first..first+count-1; this shard owns those ≡ Index-1 (mod Count).
        long first = Phases.Take(phaseIndex).Sum(p => (long)p.Plan().Count);
        return OwnedBelow(first + count) - OwnedBelow(first);
    }

    /// <summary>The shard of the whole run this plan is; <see cref="LoadShard.Whole"/> unless made by <see cref="LoadProfile.Plan(LoadShard)"/>.</summary>
    public LoadShard Shard { get; init; } = LoadShard.Whole;

    /// <summary>This plan's share of the <c>maxVusers</c> cap of the phase at <paramref name="phaseIndex"/>; <c>null</c> for no cap.</summary>
    /// <param name="phaseIndex">Index of the phase in the profile.</param>
    public int? MaxVusersOf(int phaseIndex) =>
        Phases[phaseIndex] is ArrivalPhase { MaxVusers: { } cap } ? Shard.ShareOf(cap) : null;

    // How many of the whole-plan starts 0..n-1 this shard owns.
    private long OwnedBelow(long n)
    {
        var first = Shard.Index - 1;
        return n <= first ? 0 : ((n - first - 1) / Shard.Count) + 1;
    }

    /// <summary>Offset of the start of the phase at <paramref name="phaseIndex"/> from the run start.</summary>
    /// <param name="phaseIndex">Index of the phase in the profile.</param>
    public TimeSpan PhaseStart(int phaseIndex) => Phases.Take(phaseIndex).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
}
