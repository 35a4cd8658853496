using System.Globalization;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// Which process py-spy records for a target, and why; or why none can be. Always recorded with its subprocesses (the
/// gunicorn workers are the master's children).
/// </summary>
/// <param name="Pid">The process to record; <c>null</c> when there is none.</param>
/// <param name="Description">How it was chosen (e.g. <c>the embedded API's gunicorn master, pid 4340</c>), or, without a PID, why there is none.</param>
public sealed record ProfiledProcess(int? Pid, string Description)
{
    /// <summary>What discovery looks for in command lines when the server is local but not started by the suite.</summary>
    public const string DiscoveryPattern = "gunicorn";

    /// <summary>
    /// Chooses the process: the target's own (the embedded API's gunicorn master); for a server on this machine that the
    /// suite did not start, <paramref name="configuredPid"/> (<c>PERF_PROFILE_PID</c>), or else the earliest process whose
    /// command line contains <see cref="DiscoveryPattern"/> (<c>pgrep -f gunicorn | head -n 1</c>); a remote target has none.
    /// </summary>
    /// <param name="target">The started target.</param>
    /// <param name="configuredPid">The process named by <c>PERF_PROFILE_PID</c>, or <c>null</c>.</param>
    /// <param name="discover">Finds the first process whose command line contains a text, usually <see cref="ProcessDiscovery.FirstMatching(string)"/>.</param>
    /// <returns>The choice; <see cref="Pid"/> is <c>null</c> when nothing can be profiled from here.</returns>
    public static ProfiledProcess Select(ITarget target, int? configuredPid, Func<string, int?> discover)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(discover);
        if (target.ProcessId is { } own)
        {
            return new ProfiledProcess(own, Invariant($"the target's own process (the embedded API's gunicorn master), pid {own}"));
        }

        if (!TargetSelection.IsLoopback(target.BaseUri))
        {
            return new ProfiledProcess(null, $"the target {target.BaseUri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)} is not on this machine: py-spy cannot profile a remote server from here; run py-spy on the server's own host.");
        }

        if (configuredPid is { } configured)
        {
            return new ProfiledProcess(configured, Invariant($"pid {configured} from {PySpyProfilerConfig.ProcessIdVariable}"));
        }

        return discover(DiscoveryPattern) is { } found
            ? new ProfiledProcess(found, Invariant($"pid {found}, the earliest process whose command line contains '{DiscoveryPattern}' (set {PySpyProfilerConfig.ProcessIdVariable} to choose another)"))
            : new ProfiledProcess(null, $"no process on this machine has '{DiscoveryPattern}' in its command line: set {PySpyProfilerConfig.ProcessIdVariable} to the server's process id.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
