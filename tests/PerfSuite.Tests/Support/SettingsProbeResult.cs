namespace PerfSuite.Tests.Support;

/// <summary>What the settings probe reported (see <see cref="SettingsProbeProcess"/>).</summary>
/// <param name="ExitCode">0 when the target started and stopped, 1 when the start failed.</param>
/// <param name="Before">Every environment variable (<c>env:NAME</c>) and Testcontainers setting (<c>testcontainers:NAME</c>) before the start.</param>
/// <param name="After">The same after the target was disposed.</param>
/// <param name="BaseUri">The started target's address; <c>null</c> when the start failed.</param>
/// <param name="Error">The start's exception (type and message); <c>null</c> when it started.</param>
/// <param name="Output">Everything the probe wrote, for failure messages.</param>
internal sealed record SettingsProbeResult(
    int ExitCode,
    IReadOnlyDictionary<string, string?> Before,
    IReadOnlyDictionary<string, string?> After,
    string? BaseUri,
    string? Error,
    string Output)
{
    /// <summary>Each setting whose value differs after from before, as <c>name: before -> after</c> (<c>(unset)</c> for none).</summary>
    public IReadOnlyList<string> Changes =>
        Before.Keys.Union(After.Keys).Order(StringComparer.Ordinal)
            .Where(name => Before.GetValueOrDefault(name) != After.GetValueOrDefault(name))
            .Select(name => $"{name}: {Before.GetValueOrDefault(name) ?? "(unset)"} -> {After.GetValueOrDefault(name) ?? "(unset)"}")
            .ToList();
}
