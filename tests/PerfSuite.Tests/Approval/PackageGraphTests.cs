using System.Reflection;
using PerfSuite.Cli;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Reports;
using PerfSuite.Scenarios.CsrScenarios;
using PerfSuite.Xunit;
using PerfSuite.Xunit.Artillery;

namespace PerfSuite.Tests.Approval;

/// <summary>
/// The allowed arrows between the packages (shared ARCHITECTURE: product and lab): each product assembly references only
/// the assemblies below it, the engine nothing but the runtime and HdrHistogram, and no product assembly any of the lab's
/// (the reference API's hosting, the CSR scenarios, this repository's fixtures and lab commands). Project references
/// enforce most of this; the test also catches a package reference added to the wrong project. (PerfSuite.Cli's assembly
/// is <c>perfsuite</c>.) The exact content of the tool package is checked where it is packed, in PackagingEndToEndTests.
/// </summary>
public sealed class PackageGraphTests
{
    private static readonly string[] Xunit = ["FluentAssertions", "xunit.v3.core", "xunit.v3.common", "xunit.v3.assert", "xunit.v3.runner.common"];

    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "PerfSuite.Engine", ["HdrHistogram"] },
        { "PerfSuite.Reporting", ["PerfSuite.Engine", "HdrHistogram"] },
        { "PerfSuite.Hosting", ["PerfSuite.Engine", "HdrHistogram", "PerfSuite.Reporting", "Testcontainers", "Docker.DotNet", "Docker.DotNet.X509", "OpenTelemetry", "OpenTelemetry.Api", "OpenTelemetry.Api.ProviderBuilderExtensions", "OpenTelemetry.Exporter.OpenTelemetryProtocol"] },
        { "PerfSuite.Artillery", ["PerfSuite.Engine", "HdrHistogram", "PerfSuite.Reporting", "YamlDotNet"] },
        { "PerfSuite.Xunit", ["PerfSuite.Engine", "HdrHistogram", "PerfSuite.Reporting", "PerfSuite.Hosting", .. Xunit] },
        { "PerfSuite.Xunit.Artillery", ["PerfSuite.Xunit", "PerfSuite.Artillery", "PerfSuite.Engine", "HdrHistogram", "PerfSuite.Reporting", "PerfSuite.Hosting", "YamlDotNet", .. Xunit] },
        { "perfsuite", ["PerfSuite.Engine", "HdrHistogram", "PerfSuite.Reporting", "PerfSuite.Hosting", "PerfSuite.Artillery", "YamlDotNet"] },
        { "PerfSuite.Scenarios", ["PerfSuite.Engine"] },
    };

    private static readonly Assembly[] Assemblies =
    [
        typeof(Scenario).Assembly, typeof(ReportContext).Assembly, typeof(ITarget).Assembly, typeof(LoadTestFixture).Assembly,
        typeof(ArtilleryLoadFixture).Assembly, typeof(CommandLine).Assembly, typeof(All).Assembly, typeof(PerfSuite.Artillery.ArtilleryScript).Assembly,
    ];

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Each_package_references_only_the_packages_below_it(string package, string[] allowed)
    {
        var assembly = Assemblies.Single(a => a.GetName().Name == package);

        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name is not "netstandard" and not "mscorlib" && !name.StartsWith("Microsoft.", StringComparison.Ordinal));

        references.Should().BeSubsetOf(allowed, $"{package} may reference only {string.Join(", ", allowed)}");
    }
}
