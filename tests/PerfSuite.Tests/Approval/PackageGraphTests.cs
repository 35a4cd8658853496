using System.Reflection;
using PerfSuite.Cli;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Reports;
using PerfSuite.Scenarios.CsrScenarios;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Approval;

/// <summary>
/// The direction of the arrows between the packages (docs: ARCHITECTURE): each assembly references only the assemblies
/// below it, and the engine nothing but the runtime and HdrHistogram. Project references already enforce most of this;
/// the test also catches a package reference added to the wrong project. (PerfSuite.Cli's assembly is <c>perfsuite</c>; it carries the CSR scenarios for compare against the reference API.)
/// </summary>
public sealed class PackageGraphTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "PerfSuite.Engine", ["HdrHistogram"] },
        { "PerfSuite.Reporting", ["PerfSuite.Engine", "HdrHistogram"] },
        { "PerfSuite.Hosting", ["PerfSuite.Engine", "Testcontainers", "Docker.DotNet", "Docker.DotNet.X509"] },
        { "PerfSuite.Xunit", ["PerfSuite.Engine", "HdrHistogram", "PerfSuite.Reporting", "PerfSuite.Hosting", "FluentAssertions", "xunit.v3.core", "xunit.v3.common", "xunit.v3.assert", "xunit.v3.runner.common", "PerfSuite.Artillery"] },
        { "PerfSuite.Artillery", ["PerfSuite.Engine", "HdrHistogram", "PerfSuite.Reporting", "YamlDotNet"] },
        { "perfsuite", ["PerfSuite.Engine", "HdrHistogram", "PerfSuite.Scenarios", "PerfSuite.Reporting", "PerfSuite.Hosting", "SocketIOClient", "SocketIO.Core", "SocketIO.Serializer.Core", "SocketIO.Serializer.SystemTextJson", "YamlDotNet", "PerfSuite.Artillery"] },
        { "PerfSuite.Scenarios", ["PerfSuite.Engine"] },
    };

    private static readonly Assembly[] Assemblies =
    [
        typeof(Scenario).Assembly, typeof(ReportContext).Assembly, typeof(ITarget).Assembly, typeof(LoadTestFixture).Assembly,
        typeof(CommandLine).Assembly, typeof(All).Assembly, typeof(PerfSuite.Artillery.ArtilleryScript).Assembly,
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
