namespace PerfSuite.Reporting.Comparison;

/// <summary>What a comparison of one metric concludes.</summary>
public enum ComparisonVerdict
{
    /// <summary>The interval lies inside the tolerance on both sides: no change worth reporting.</summary>
    NoChange,

    /// <summary>The whole interval is beyond the tolerance on the worse side.</summary>
    Regression,

    /// <summary>The whole interval is beyond the tolerance on the better side.</summary>
    Improvement,

    /// <summary>The interval straddles a tolerance bound, or there are too few samples; the reason says which.</summary>
    Inconclusive,
}
