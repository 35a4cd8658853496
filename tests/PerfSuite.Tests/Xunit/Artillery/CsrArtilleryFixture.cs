using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Xunit.Artillery;

namespace PerfSuite.Tests.Xunit.Artillery;

/// <summary>The Artillery fixture over the embedded reference API, its reports in a temporary folder.</summary>
public sealed class CsrArtilleryFixture : ArtilleryLoadFixture
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "perfsuite-artillery-theories");

    /// <inheritdoc />
    protected override string? ArtifactsDirectory => Reports;

    /// <summary>The embedded reference API, which this repository's suites opt into (the library has no default target).</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The target.</returns>
    protected override ITarget CreateTarget(PerfSettings settings) => new QueueApiBuilder().Build();
}
