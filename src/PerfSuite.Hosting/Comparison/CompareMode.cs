namespace PerfSuite.Hosting.Comparison;

/// <summary>How the rounds of a comparison load the two servers.</summary>
public enum CompareMode
{
    /// <summary>One server at a time, in ABBA order (A B, B A, A B, …), so drift hits both alike.</summary>
    Abba,

    /// <summary>Duet: both servers loaded at the same time in every round, so momentary noise hits both alike.</summary>
    Duet,
}
