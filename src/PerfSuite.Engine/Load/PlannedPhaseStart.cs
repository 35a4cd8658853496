namespace PerfSuite.Engine.Load;

/// <summary>One virtual-user start of a <see cref="LoadPlan"/>, with offsets from the run start.</summary>
/// <param name="Offset">When the start is due, from the run start.</param>
/// <param name="LoopUntil">For a closed-model user, when it stops starting new iterations; <c>null</c> for an arrival.</param>
/// <param name="PhaseIndex">Index of the phase in the profile.</param>
public readonly record struct PlannedPhaseStart(TimeSpan Offset, TimeSpan? LoopUntil, int PhaseIndex);
