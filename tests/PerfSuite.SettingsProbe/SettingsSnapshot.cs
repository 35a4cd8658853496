using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using DotNet.Testcontainers.Configurations;

namespace PerfSuite.SettingsProbe;

/// <summary>
/// What a library could change in its host process without the host asking: every environment variable
/// (<c>env:NAME</c>) and every public static setting of Testcontainers (<c>testcontainers:NAME</c>), with the Docker
/// endpoint Testcontainers resolved (<c>testcontainers:OS.DockerEndpointAuthConfig.*</c>).
/// </summary>
internal static class SettingsSnapshot
{
    /// <summary>Reads the settings now; each value as text, <c>null</c> when unset.</summary>
    /// <returns>The settings by name, ordinal order.</returns>
    public static SortedDictionary<string, string?> Take()
    {
        var snapshot = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            snapshot[$"env:{variable.Key}"] = variable.Value?.ToString();
        }

        foreach (var property in typeof(TestcontainersSettings).GetProperties(BindingFlags.Public | BindingFlags.Static))
        {
            snapshot[$"testcontainers:{property.Name}"] = Describe(property.GetValue(null));
        }

        var endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig;
        // Null when Testcontainers found no engine it can talk to (e.g. one older than the API version it requests).
        snapshot["testcontainers:OS.DockerEndpointAuthConfig.Endpoint"] = Describe(endpoint?.Endpoint);
        snapshot["testcontainers:OS.DockerEndpointAuthConfig.Version"] = Describe(endpoint?.Version);
        snapshot["testcontainers:OS.DockerEndpointAuthConfig.AuthProvider"] = Describe(endpoint?.AuthProvider);
        return snapshot;
    }

    // Plain values as their text; an object or delegate as its type and identity, so that replacing it (a setter called
    // with another instance) shows as a change even when the new one prints alike.
    private static string? Describe(object? value) => value switch
    {
        null => null,
        string or Uri or Version or bool or TimeSpan or Enum => Convert.ToString(value, CultureInfo.InvariantCulture),
        IConvertible convertible => convertible.ToString(CultureInfo.InvariantCulture),
        Delegate function => $"{function.Method.DeclaringType?.FullName}.{function.Method.Name}#{RuntimeHelpers.GetHashCode(function)}",
        _ => $"{value.GetType().FullName}#{RuntimeHelpers.GetHashCode(value)} {value}",
    };
}
