using System.IO.Compression;
using System.Text.Json;
using PerfSuite.Hosting.Settings;

namespace PerfSuite.Tests.Packaging;

/// <summary>
/// What a team outside this repository does: pack every package into a local feed, install the template from it, create
/// a suite in a folder outside the repository, restore it from that feed alone (plus this machine's package cache, no
/// network), run its tests against a small loopback server, compare two versions of that server (one with a deliberate
/// 3 ms delay on GET /) through the suite and through the installed tool, and run the tool's load. Runs alone (it builds
/// a suite and starts servers) after the parallel tests.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(nameof(PackagingEndToEndTests))]
[CollectionDefinition(nameof(PackagingEndToEndTests), DisableParallelization = true)]
public sealed class PackagingEndToEndTests
{
    /// <summary>Every file the tool package carries in its tools folder: the product's assemblies and their dependencies, nothing of the lab.</summary>
    public static readonly string[] ToolAssemblies =
    [
        "perfsuite.dll", "PerfSuite.Engine.dll", "PerfSuite.Reporting.dll", "PerfSuite.Hosting.dll", "PerfSuite.Artillery.dll",
        "HdrHistogram.dll", "YamlDotNet.dll", "System.CommandLine.dll", "Testcontainers.dll", "Docker.DotNet.dll", "Docker.DotNet.X509.dll",
        "Docker.DotNet.Handler.Abstractions.dll", "Docker.DotNet.LegacyHttp.dll", "Docker.DotNet.NativeHttp.dll", "Docker.DotNet.NPipe.dll", "Docker.DotNet.Unix.dll",
        "BouncyCastle.Cryptography.dll", "ICSharpCode.SharpZipLib.dll", "Renci.SshNet.dll", "Microsoft.Net.Http.Client.dll",
        "Microsoft.Extensions.Logging.Abstractions.dll", "Microsoft.Extensions.DependencyInjection.Abstractions.dll",

        // The OTLP exporter of the live meter (docs/observability.md): the OpenTelemetry SDK and what it brings.
        "OpenTelemetry.dll", "OpenTelemetry.Api.dll", "OpenTelemetry.Api.ProviderBuilderExtensions.dll", "OpenTelemetry.Exporter.OpenTelemetryProtocol.dll",
        "System.Diagnostics.DiagnosticSource.dll", "Microsoft.Extensions.Configuration.dll", "Microsoft.Extensions.Configuration.Abstractions.dll",
        "Microsoft.Extensions.Configuration.Binder.dll", "Microsoft.Extensions.Configuration.EnvironmentVariables.dll", "Microsoft.Extensions.DependencyInjection.dll",
        "Microsoft.Extensions.Diagnostics.Abstractions.dll", "Microsoft.Extensions.Logging.dll", "Microsoft.Extensions.Logging.Configuration.dll",
        "Microsoft.Extensions.Options.dll", "Microsoft.Extensions.Options.ConfigurationExtensions.dll", "Microsoft.Extensions.Primitives.dll",
    ];

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    /// <summary>A file of the suite that uses every step of the one step API with the template's single <c>using</c>; not a scenario the catalog runs.</summary>
    private const string DocumentedForms = """
        using PerfSuite.Engine.Load;

        namespace Acme.PerfTests.Scenarios;

        internal static class DocumentedForms
        {
            public static Scenario Every_step() =>
                Scenario.Create("forms")
                    .WithVariable("room", "office_1")
                    .Get("/x", r => r.Expect(200).CheckJsonExists("$.id").Capture("$.id", "id"))
                    .Post("/x", r => r.Json(new { id = "{id}" }).Expect(201).Header("X-A", "1"))
                    .Put("/x/{id}", r => r.Json(new { n = 1 }))
                    .Patch("/x/{id}", r => r.Json("{}").ExpectAnyOf(200, 204))
                    .Delete("/x/{id}", r => r.Expect(204))
                    .Head("/x")
                    .Options("/x", r => r.AnyStatus())
                    .Request(new HttpMethod("PURGE"), "/x", r => r.EndpointName("purge"))
                    .Step("custom", async (ctx, ct) => await Task.Delay(1, ct))
                    .SocketIoConnect("/socket.io", c => c.Header("X-Tenant", "a"))
                    .Emit("hello", ["{room}"])
                    .EmitWithAck("joinRoom", ["{room}"], m => m.CheckJson("$.success", true))
                    .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["{room}"])
                    .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["{room}"], m => m.Timeout(TimeSpan.FromSeconds(5)))
                    .Think(TimeSpan.FromMilliseconds(10))
                    .SocketIoDisconnect()
                    .Build();
        }
        """;

    [Fact]
    public async Task A_suite_from_the_template_restores_from_the_packed_feed_passes_its_load_tests_finds_a_3_ms_regression_and_the_tool_runs()
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
                "PerfSuite.Engine.0.1.0.nupkg", "PerfSuite.Reporting.0.1.0.nupkg", "PerfSuite.Hosting.0.1.0.nupkg", "PerfSuite.Xunit.0.1.0.nupkg",
                "PerfSuite.Xunit.Artillery.0.1.0.nupkg", "PerfSuite.Cli.0.1.0.nupkg", "PerfSuite.Templates.0.1.0.nupkg", "PerfSuite.Artillery.0.1.0.nupkg");
            AssertToolPackageHoldsOnlyTheProduct(Path.Combine(feed, "PerfSuite.Cli.0.1.0.nupkg"));

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
            var suite = Path.Combine(work, "Acme.PerfTests");
            foreach (var file in new[]
            {
                "Acme.PerfTests.slnx", "README.md", "xunit.runner.json", ".github/workflows/perf.yml", "scenarios/budgets.json",
                "scenarios/Acme.PerfTests.Scenarios/Acme.PerfTests.Scenarios.csproj", "fixtures/Acme.PerfTests.Fixtures/LoadFixture.cs",
                "tests/Acme.PerfTests/Acme.PerfTests.csproj",
            })
            {
                File.Exists(Path.Combine(suite, file)).Should().BeTrue(file);
            }

            // Every step form docs/writing-scenarios.md shows compiles with the template's one using (CS1660 before issue 20).
            await File.WriteAllTextAsync(Path.Combine(suite, "scenarios", "Acme.PerfTests.Scenarios", "DocumentedForms.cs"), DocumentedForms, cancellation);

            await using var server = await TemplateTarget.StartAsync(cancellation);
            await using var unchanged = await TemplateTarget.StartAsync(cancellation);
            await using var delayed = await TemplateTarget.StartAsync(cancellation, delayMilliseconds: 3);
            var testEnvironment = new Dictionary<string, string>(environment)
            {
                ["PERF_TARGET"] = server.BaseUri.ToString(),
                ["PERF_RUN_ID"] = "e2e",
                ["PERF_PROFILES"] = "smoke",
                ["GITHUB_STEP_SUMMARY"] = Path.Combine(work, "step-summary.md"),
            };

            // As the template's workflow runs it: the GitHub Actions logger (annotations, job summary) beside trx.
            var testOutput = await DotnetAsync(
                suite, testEnvironment, "test", "-c", "Release", "--logger", "trx", "--logger", "GitHubActions", "--results-directory", Path.Combine(suite, "results"));
            testOutput.Should().Contain("Passed!").And.Contain("Failed:     0, Passed:     2");
            TestContext.Current.TestOutputHelper?.WriteLine("job summary by GitHubActionsTestLogger: " + (File.Exists(Path.Combine(work, "step-summary.md")) ? File.ReadAllText(Path.Combine(work, "step-summary.md")) : "(none)"));
            foreach (var caseFolder in new[] { "health-smoke", "live-updates-smoke" })
            {
                using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(suite, "artifacts", "perf", "e2e", caseFolder, "report.json"), cancellation));
                report.RootElement.GetProperty("run").GetProperty("requests").GetInt64().Should().BeGreaterThan(0, caseFolder);
                report.RootElement.GetProperty("run").GetProperty("failed_requests").GetInt64().Should().Be(0, caseFolder);
            }

            // In the suite: PERF_COMPARE_BASELINE turns the case into paired rounds, and the delayed GET / fails it.
            var compareEnvironment = new Dictionary<string, string>(testEnvironment)
            {
                ["PERF_TARGET"] = delayed.BaseUri.ToString(),
                ["PERF_COMPARE_BASELINE"] = server.BaseUri.ToString(),
                ["PERF_COMPARE_ROUNDS"] = "6",
                ["PERF_COMPARE_ROUND_SECONDS"] = "3",
                ["PERF_RUN_ID"] = "e2e-compare",
            };
            var (compareExit, compareOutput) = await ProcessRun.RunAsync(
                "dotnet", ["test", "-c", "Release", "--no-build", "--filter", "ScenarioId=health"], suite, compareEnvironment, CommandTimeout);
            compareExit.Should().NotBe(0, compareOutput);
            compareOutput.Should().Contain("Health / smoke regressed against the baseline").And.Contain("GET /");
            File.Exists(Path.Combine(suite, "artifacts", "perf", "e2e-compare", "health-smoke", "compare.md")).Should().BeTrue();

            var tools = Path.Combine(work, "tools");
            await DotnetAsync(work, environment, "tool", "install", "PerfSuite.Cli", "--version", "0.1.0", "--tool-path", tools);
            var perfsuite = Path.Combine(tools, "perfsuite");
            var (exit, output) = await ProcessRun.RunAsync(perfsuite, ["load", "--url", server.BaseUri.ToString(), "--rate", "5", "--duration", "2"], work, environment, CommandTimeout);
            exit.Should().Be(0, output);
            using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            result.RootElement.GetProperty("requests").GetInt64().Should().BeGreaterThan(0);
            result.RootElement.GetProperty("codes").GetProperty("200").GetInt64().Should().Be(result.RootElement.GetProperty("requests").GetInt64());

            // From the tool, with the team's scenario assembly: the delayed version regresses, an unchanged copy does not.
            var scenarios = Directory.GetFiles(Path.Combine(suite, "scenarios"), "Acme.PerfTests.Scenarios.dll", SearchOption.AllDirectories).Single(f => f.Contains("/bin/", StringComparison.Ordinal));
            string[] Compare(TemplateTarget candidate, string folder) =>
                ["compare", "--scenarios", scenarios, "--scenario", "health", "--baseline", server.BaseUri.ToString(), "--candidate", candidate.BaseUri.ToString(),
                 "--rate", "20", "--rounds", "6", "--round-seconds", "3", "--out", Path.Combine(work, folder)];
            var (regressedExit, regressedOutput) = await ProcessRun.RunAsync(perfsuite, Compare(delayed, "compare-delayed"), work, environment, CommandTimeout);
            regressedExit.Should().Be(1, regressedOutput);
            regressedOutput.Should().Contain("compare: health: regression: GET /");
            var (sameExit, sameOutput) = await ProcessRun.RunAsync(perfsuite, Compare(unchanged, "compare-unchanged"), work, environment, CommandTimeout);
            sameExit.Should().Be(0, sameOutput);
            sameOutput.Should().Contain("compare: health: No regression");
            File.Exists(Path.Combine(work, "compare-unchanged", "health", "compare.json")).Should().BeTrue();

            // The runtime settings the generator's CPU per request was measured with (docs/benchmarks-archive.md, "Generator cost, side by side")
            // reach what users run from the packages alone: the suite's test project (buildTransitive) and the installed tool.
            var runtimeConfigs = new[]
            {
                Directory.GetFiles(Path.Combine(suite, "tests"), "Acme.PerfTests.runtimeconfig.json", SearchOption.AllDirectories).Single(),
                Directory.GetFiles(Path.Combine(tools, ".store"), "perfsuite.runtimeconfig.json", SearchOption.AllDirectories).Single(),
            };
            File.ReadAllText(Path.Combine(suite, "tests", "Acme.PerfTests", "Acme.PerfTests.csproj")).Should().NotContain("RuntimeHostConfigurationOption");
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

    private static void AssertToolPackageHoldsOnlyTheProduct(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        var tools = entries.Where(e => e.StartsWith("tools/net10.0/any/", StringComparison.Ordinal)).Select(e => e["tools/net10.0/any/".Length..]).ToList();
        tools.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)).Should().BeEquivalentTo(ToolAssemblies, "the tool carries the product and its dependencies only");
        entries.Should().NotContain(e => e.EndsWith(".py", StringComparison.Ordinal), "no Python file (the reference API is the lab's)");
        entries.Should().NotContain(e => e.Contains("SocketIO", StringComparison.OrdinalIgnoreCase) || e.Contains("System.Reactive", StringComparison.Ordinal) || e.Contains("Scenarios", StringComparison.Ordinal));
    }

    private static async Task<string> DotnetAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (exit, output) = await ProcessRun.RunAsync("dotnet", arguments, workingDirectory, environment, CommandTimeout);
        exit.Should().Be(0, $"'dotnet {string.Join(' ', arguments)}' failed:\n{output}");
        return output;
    }
}
