using PerfSuite.Xunit.Artillery;

namespace PerfSuite.Tests.Xunit.Artillery;

/// <summary>The Artillery fixture over the embedded reference API, its reports in a temporary folder.</summary>
public sealed class CsrArtilleryFixture : ArtilleryLoadFixture
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "perfsuite-artillery-theories");

    /// <inheritdoc />
    protected override string? ArtifactsDirectory => Reports;
}
