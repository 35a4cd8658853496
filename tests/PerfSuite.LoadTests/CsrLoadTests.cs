using PerfSuite.Fixtures.Xunit;

namespace PerfSuite.LoadTests;

/// <summary>
/// Every CSR load test shares one <see cref="CsrLoadFixture"/> (one server, one run id) and runs one at a time.
/// </summary>
[CollectionDefinition(nameof(CsrLoadTests), DisableParallelization = true)]
public sealed class CsrLoadTests : ICollectionFixture<CsrLoadFixture>
{
    /// <summary>The trait value every load test carries as <c>Category</c>.</summary>
    public const string Category = "Load";

    /// <summary>The trait naming the profile of a row (see <see cref="LoadTestRows.ProfileTrait"/>).</summary>
    public const string ProfileTrait = LoadTestRows.ProfileTrait;
}
