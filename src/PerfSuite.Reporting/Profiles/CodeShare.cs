namespace PerfSuite.Reporting.Profiles;

/// <summary>One row of the hot spots' split: the samples whose running frame (the leaf) is of one kind of code.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Label">How the report names it, e.g. <c>Your code</c>, <c>Idle polling (not a hot spot)</c>.</param>
/// <param name="Samples">The samples whose leaf is of this kind.</param>
/// <param name="Share">Samples / the profile's samples, 0..1.</param>
/// <param name="Top">The functions of this kind with the most own samples, up to three, for the row's "mostly" column.</param>
public sealed record CodeShare(CodeKind Kind, string Label, long Samples, double Share, IReadOnlyList<string> Top);
