using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Settings;

/// <summary>The target the settings select: <c>PERF_TARGET</c> as an external URL, <c>PERF_TARGET_IMAGE</c> as a container, else the embedded reference API.</summary>
public static class TargetFactory
{
    /// <summary>Creates (does not start) the target <paramref name="settings"/> select.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The target; start it with <see cref="ITarget.StartAsync"/>, dispose it after the run.</returns>
    public static ITarget FromSettings(PerfSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Target is { } external ? new ExternalTarget(external)
            : settings.Container is { } container ? container.Build()
            : new QueueApiBuilder().Build();
    }
}
