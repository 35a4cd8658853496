namespace PerfSuite.Engine.Load;

/// <summary>One virtual-user start in a plan.</summary>
/// <param name="Offset">When the start is due, from the start of its phase (or of the run, in a <see cref="LoadPlan"/>).</param>
/// <param name="LoopUntil">
/// <c>null</c> for an arrival (open model: the user runs one flow and leaves); otherwise the offset, on the same
/// basis as <paramref name="Offset"/>, after which a closed-model user starts no new iteration.
/// </param>
public readonly record struct PlannedStart(TimeSpan Offset, TimeSpan? LoopUntil = null);
