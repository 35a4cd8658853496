using System.Reflection;
using System.Text.Json;
using PerfSuite.Tests.Packaging;

namespace PerfSuite.Tests.Support;

/// <summary>
/// Runs tests/PerfSuite.SettingsProbe (built with the tests) as a child process with an environment of the test's making:
/// it starts and stops one container target and reports the process environment and Testcontainers' settings before and
/// after. A child, because Testcontainers reads its settings once per process and this test process has read them already.
/// </summary>
internal static class SettingsProbeProcess
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs the probe on <paramref name="image"/> (host network, readiness <paramref name="readyPath"/>, the container's
    /// environment <paramref name="containerEnvironment"/>) with this process's environment minus <paramref name="removed"/>
    /// plus <paramref name="added"/>; kills it (whole tree) after 3 minutes.
    /// </summary>
    public static async Task<SettingsProbeResult> RunAsync(
        string image,
        string readyPath,
        IEnumerable<string> containerEnvironment,
        Func<string, bool> removed,
        IReadOnlyDictionary<string, string> added)
    {
        var probe = typeof(SettingsProbeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SettingsProbe").Value!;
        File.Exists(probe).Should().BeTrue($"the tests build the probe ({probe}) through their project reference");
        var (exitCode, text) = await ProcessRun.RunAsync(
            "dotnet", new[] { probe, image, readyPath }.Concat(containerEnvironment), Directory.GetCurrentDirectory(), added, Bound, removed);

        // Testcontainers logs to the console too; the probe's report is its one line of JSON.
        var report = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("{\"before\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the settings probe exited with code {exitCode} and wrote no report; its output:{Environment.NewLine}{text}");
        using var json = JsonDocument.Parse(report);
        var root = json.RootElement;
        return new SettingsProbeResult(
            exitCode,
            Settings(root.GetProperty("before")),
            Settings(root.GetProperty("after")),
            root.GetProperty("baseUri").GetString(),
            root.GetProperty("error").GetString(),
            text);
    }

    private static Dictionary<string, string?> Settings(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);
}
