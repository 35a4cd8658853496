namespace PerfSuite.Reporting.Profiles;

/// <summary>One line of a collapsed-stacks profile: the frames from the root down to the leaf, and how many samples saw them.</summary>
/// <param name="Frames">Frame names, root first, e.g. <c>process 4340:"…"</c> then <c>citizens (queue_api/routes.py:237)</c>; at least one.</param>
/// <param name="Samples">Samples of exactly this stack, &gt;= 1.</param>
public sealed record StackSample(IReadOnlyList<string> Frames, long Samples)
{
    /// <summary>The stack as one collapsed line: frames joined with <c>;</c>, a space, the sample count.</summary>
    /// <returns>E.g. <c>main (a.py:1);run (b.py:2) 3</c>, without a line break.</returns>
    public override string ToString() => $"{string.Join(';', Frames)} {Samples.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
