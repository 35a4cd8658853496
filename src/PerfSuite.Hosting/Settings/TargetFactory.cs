using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Settings;

/// <summary>The target the settings select: <c>PERF_TARGET</c> as an external URL, or <c>PERF_TARGET_IMAGE</c> as a container. The library has no default server.</summary>
public static class TargetFactory
{
    /// <summary>What to set when no target is configured.</summary>
    public const string NoTargetMessage =
        "No server to load: set PERF_TARGET to its URL (e.g. PERF_TARGET=http://127.0.0.1:8080; a server off this machine also needs PERF_ALLOW_REMOTE=1), "
        + "or PERF_TARGET_IMAGE to a local Docker image to start (with PERF_TARGET_PORT, its port in the container, and PERF_TARGET_READY, a path that answers 2xx when it is ready).";

    /// <summary>Creates (does not start) the target <paramref name="settings"/> select.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The target; start it with <see cref="ITarget.StartAsync"/>, dispose it after the run.</returns>
    /// <exception cref="PerfSettingsException">Neither <c>PERF_TARGET</c> nor <c>PERF_TARGET_IMAGE</c> is set (<see cref="NoTargetMessage"/>).</exception>
    public static ITarget FromSettings(PerfSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Target is { } external ? new ExternalTarget(external)
            : settings.Container is { } container ? container.Build()
            : throw new PerfSettingsException(NoTargetMessage);
    }
}
