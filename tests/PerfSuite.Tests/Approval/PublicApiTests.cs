using System.Reflection;
using System.Runtime.CompilerServices;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Reports;
using PerfSuite.Xunit;
using PublicApiGenerator;

namespace PerfSuite.Tests.Approval;

/// <summary>
/// The public API of each package, approved as text (<c>Approval/PublicApi/&lt;package&gt;.approved.txt</c>), so a change
/// to what users compile against is a reviewed diff. On a difference the test writes <c>&lt;package&gt;.received.txt</c>
/// beside it and fails; to approve, copy received over approved (or run with <c>PERF_APPROVE=1</c>) and commit.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Packages => new() { "PerfSuite.Engine", "PerfSuite.Reporting", "PerfSuite.Hosting", "PerfSuite.Xunit", "PerfSuite.Artillery", "PerfSuite.Xunit.Artillery" };

    private static readonly Dictionary<string, Assembly> Assemblies = new()
    {
        ["PerfSuite.Engine"] = typeof(Scenario).Assembly,
        ["PerfSuite.Reporting"] = typeof(ReportContext).Assembly,
        ["PerfSuite.Hosting"] = typeof(ITarget).Assembly,
        ["PerfSuite.Xunit"] = typeof(LoadTestFixture).Assembly,
        ["PerfSuite.Artillery"] = typeof(PerfSuite.Artillery.ArtilleryScript).Assembly,
        ["PerfSuite.Xunit.Artillery"] = typeof(PerfSuite.Xunit.Artillery.ArtilleryLoadFixture).Assembly,
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_public_api_matches_the_approved_text(string package)
    {
        var api = Assemblies[package].GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"] })
            .ReplaceLineEndings("\n");
        var folder = Path.Combine(SourceFolder(), "PublicApi");
        var approvedPath = Path.Combine(folder, $"{package}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{package}.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;

        if (approved != api && Environment.GetEnvironmentVariable("PERF_APPROVE") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approvedPath, api);
            approved = api;
        }

        if (approved != api)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(receivedPath, api);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        api.Should().Be(approved, $"the public API of {package} changed: review {receivedPath} against {approvedPath} and copy it over when the change is intended (or run with PERF_APPROVE=1)");
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
