using System.Text.Json;
using PerfSuite.Hosting.Settings;

namespace PerfSuite.Tests.Packaging;

/// <summary>
/// What a team outside this repository does: pack every package into a local feed, install the template from it, create
/// a project in a folder outside the repository, restore it from that feed alone (plus this machine's package cache, no
/// network), run its tests against a small loopback server, then install the perfsuite tool from the feed and run it.
/// Runs alone (it builds a project and starts servers) after the parallel tests.
/// </summary>
[Collection(nameof(PackagingEndToEndTests))]
[CollectionDefinition(nameof(PackagingEndToEndTests), DisableParallelization = true)]
public sealed class PackagingEndToEndTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_project_from_the_template_restores_from_the_packed_feed_and_its_load_tests_pass_and_the_tool_runs_load()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var root = ArtifactPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");
        var work = Directory.CreateTempSubdirectory("perfsuite-e2e-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var environment = new Dictionary<string, string>
            {
                // A package folder of its own: the 0.1.0 packages just built must not come from (or land in) the machine's cache.
                ["NUGET_PACKAGES"] = Path.Combine(work, "packages"),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            };
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/

            await DotnetAsync(root, environment, "pack", Path.Combine(root, "PerfSuite.sln"), "-c", configuration, "--no-build", "-o", feed);
            Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Should().BeEquivalentTo(
                "PerfSuite.Engine.0.1.0.nupkg", "PerfSuite.Reporting.0.1.0.nupkg", "PerfSuite.Hosting.0.1.0.nupkg",
                "PerfSuite.Xunit.0.1.0.nupkg", "PerfSuite.Cli.0.1.0.nupkg", "PerfSuite.Templates.0.1.0.nupkg", "PerfSuite.Artillery.0.1.0.nupkg");

            var machineCache = (await DotnetAsync(work, new Dictionary<string, string>(), "nuget", "locals", "global-packages", "--list")).Split(": ", 2)[1].Trim();
            await File.WriteAllTextAsync(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="perfsuite" value="{feed}" />
                    <add key="machine-cache" value="{machineCache}" />
                  </packageSources>
                </configuration>
                """, cancellation);

            var hive = Path.Combine(work, "template-hive");
            await DotnetAsync(work, environment, "new", "install", Path.Combine(feed, "PerfSuite.Templates.0.1.0.nupkg"), "--debug:custom-hive", hive);
            await DotnetAsync(work, environment, "new", "perfsuite", "-o", "Acme.PerfTests", "--debug:custom-hive", hive);
            var project = Path.Combine(work, "Acme.PerfTests");
            File.Exists(Path.Combine(project, "Acme.PerfTests.csproj")).Should().BeTrue();
            File.Exists(Path.Combine(project, ".github", "workflows", "perf.yml")).Should().BeTrue();

            await using var server = await TemplateTarget.StartAsync(cancellation);
            var testEnvironment = new Dictionary<string, string>(environment)
            {
                ["PERF_TARGET"] = server.BaseUri.ToString(),
                ["PERF_RUN_ID"] = "e2e",
                ["PERF_PROFILES"] = "smoke",
            };
            var testOutput = await DotnetAsync(project, testEnvironment, "test", "-c", "Release", "--logger", "trx", "--results-directory", Path.Combine(project, "results"));
            testOutput.Should().Contain("Passed!").And.Contain("Failed:     0, Passed:     2");
            foreach (var caseFolder in new[] { "health-smoke", "live-updates-smoke" })
            {
                using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "artifacts", "perf", "e2e", caseFolder, "report.json"), cancellation));
                report.RootElement.GetProperty("run").GetProperty("requests").GetInt64().Should().BeGreaterThan(0, caseFolder);
                report.RootElement.GetProperty("run").GetProperty("failed_requests").GetInt64().Should().Be(0, caseFolder);
            }

            var tools = Path.Combine(work, "tools");
            await DotnetAsync(work, environment, "tool", "install", "PerfSuite.Cli", "--version", "0.1.0", "--tool-path", tools);
            var (exit, output) = await ProcessRun.RunAsync(
                Path.Combine(tools, "perfsuite"), ["load", "--url", server.BaseUri.ToString(), "--rate", "5", "--duration", "2"], work, environment, CommandTimeout);
            exit.Should().Be(0, output);
            using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            result.RootElement.GetProperty("requests").GetInt64().Should().BeGreaterThan(0);
            result.RootElement.GetProperty("codes").GetProperty("200").GetInt64().Should().Be(result.RootElement.GetProperty("requests").GetInt64());

            // The runtime settings the generator's CPU per request was measured with (docs/benchmarks.md, "Generator cost")
            // reach what users run: the template's test project and the installed tool.
            var runtimeConfigs = new[]
            {
                Directory.GetFiles(Path.Combine(project, "bin"), "Acme.PerfTests.runtimeconfig.json", SearchOption.AllDirectories).Single(),
                Directory.GetFiles(Path.Combine(tools, ".store"), "perfsuite.runtimeconfig.json", SearchOption.AllDirectories).Single(),
            };
            foreach (var runtimeConfig in runtimeConfigs)
            {
                using var json = JsonDocument.Parse(await File.ReadAllTextAsync(runtimeConfig, cancellation));
                var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
                properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32().Should().Be(0, runtimeConfig);
                properties.GetProperty("System.Runtime.TieredCompilation.CallCountThreshold").GetInt32().Should().Be(1000, runtimeConfig);
                properties.GetProperty("System.Runtime.TieredPGO").GetBoolean().Should().BeFalse(runtimeConfig);
                properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32().Should().Be(0, runtimeConfig);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> DotnetAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (exit, output) = await ProcessRun.RunAsync("dotnet", arguments, workingDirectory, environment, CommandTimeout);
        exit.Should().Be(0, $"'dotnet {string.Join(' ', arguments)}' failed:\n{output}");
        return output;
    }
}
