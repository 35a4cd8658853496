using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Containers;

/// <summary>
/// A team's own Testcontainers fixtures share the test process with PerfSuite's container target, so starting and stopping
/// one must leave the process environment and Testcontainers' settings exactly as the user had them. Each case runs in a
/// child process without this repository's TESTCONTAINERS_* and DOCKER_API_VERSION variables (a write "only where unset"
/// would otherwise hide behind them), configured instead through a ~/.testcontainers.properties in a temporary HOME.
/// </summary>
[Trait("Category", "Docker")]
[Collection(nameof(DockerTests))]
public sealed class ContainerTargetProcessSettingsTests : IDisposable
{
    private static readonly Dictionary<string, string[]> UserSettings = new()
    {
        ["Testcontainers' defaults"] = [],
        ["this repository's sandbox settings"] = ["ryuk.disabled=true", "host.override=127.0.0.1"],
    };

    private readonly string _home = Directory.CreateTempSubdirectory("perfsuite-home-").FullName;

    public static TheoryData<string> UserSettingNames => [.. UserSettings.Keys];

    [Theory]
    [MemberData(nameof(UserSettingNames))]
    public async Task Starting_and_stopping_a_container_target_leaves_the_environment_and_Testcontainers_settings_as_they_were(string userSettings)
    {
        await DockerRequirement.RequireReferenceImageAsync();
        // The engine's own API version goes in the properties file, so the child needs no DOCKER_API_VERSION variable either.
        var api = (await DockerRequirement.EngineAsync()).ApiVersion!;

        var result = await RunProbeAsync([.. UserSettings[userSettings], $"docker.api.version={api}"]);

        result.Error.Should().BeNull(result.Output);
        result.BaseUri.Should().StartWith("http://127.0.0.1:", "the target really started");
        result.Before.Keys.Should().NotContain(k => k.StartsWith("env:TESTCONTAINERS_", StringComparison.Ordinal) || k == "env:DOCKER_API_VERSION");
        result.Before["testcontainers:ResourceReaperEnabled"].Should().Be(userSettings == "Testcontainers' defaults" ? "True" : "False", "the properties file is the user's only Testcontainers setting");
        result.Before["testcontainers:OS.DockerEndpointAuthConfig.Endpoint"].Should().NotBeNull("Testcontainers found the engine");
        // Joined, so a failure lists every change (a collection assertion names only the first).
        string.Join("; ", result.Changes).Should().BeEmpty("PerfSuite must not change its host process's environment or Testcontainers' settings");
    }

    [Fact]
    public async Task Starting_on_an_engine_older_than_Testcontainers_requests_fails_telling_the_user_to_set_DOCKER_API_VERSION()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        var api = (await DockerRequirement.EngineAsync()).ApiVersion!;
        Assert.SkipUnless(Version.Parse(api) < new Version(1, 44), $"the engine speaks API {api}, which Testcontainers' default 1.44 does not exceed");

        var result = await RunProbeAsync(["ryuk.disabled=true", "host.override=127.0.0.1"]);

        result.ExitCode.Should().Be(1, result.Output);
        result.Error.Should().StartWith("TargetStartException:").And.Contain($"API {api}").And.Contain($"set DOCKER_API_VERSION={api}");
        string.Join("; ", result.Changes).Should().BeEmpty("PerfSuite reports the old engine rather than pinning the API version itself");
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private async Task<SettingsProbeResult> RunProbeAsync(string[] properties)
    {
        await File.WriteAllLinesAsync(Path.Combine(_home, ".testcontainers.properties"), properties, TestContext.Current.CancellationToken);
        return await SettingsProbeProcess.RunAsync(
            DockerRequirement.ReferenceImage,
            "/api/v1/healthz",
            ["QUEUE_API_HOST=127.0.0.1"],
            name => name.StartsWith("TESTCONTAINERS_", StringComparison.Ordinal) || name == "DOCKER_API_VERSION",
            new Dictionary<string, string> { ["HOME"] = _home });
    }
}
