namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// Checks, before anything is started, that py-spy can profile a target here: the configuration is valid, the binary
/// exists, the target runs on this machine, and ptrace is allowed. Each problem is a readable sentence, which the xUnit
/// layer shows as the reason profiling is off (or a test is skipped).
/// </summary>
public static class PySpyPreconditions
{
    /// <summary>What to tell a user who does not have py-spy.</summary>
    public const string InstallHint = "install it with 'pip install py-spy' (or 'pipx install py-spy'), or set PERF_PYSPY to its path";

    /// <summary>Every reason py-spy cannot profile <paramref name="pid"/>; empty when it can.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="pid">The target's process id; <c>null</c> for a target that does not run on this machine.</param>
    /// <param name="ptrace">The ptrace access of this process, usually <see cref="PtraceAccess.Read"/>.</param>
    /// <param name="pathVariable">The <c>PATH</c> to search for a bare executable name, usually the process's.</param>
    /// <returns>The problems, in the order config, binary, target, permission.</returns>
    public static IReadOnlyList<string> Check(PySpyProfilerConfig config, int? pid, PtraceAccess ptrace, string? pathVariable)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(ptrace);
        var problems = config.Validate().Select(p => $"py-spy configuration: {p}").ToList();
        if (!string.IsNullOrWhiteSpace(config.Executable) && FindExecutable(config.Executable, pathVariable) is null)
        {
            problems.Add(config.Executable.Contains('/', StringComparison.Ordinal)
                ? $"py-spy was not found at '{config.Executable}' (or it is not executable): {InstallHint}."
                : $"py-spy ('{config.Executable}') is not on PATH: {InstallHint}.");
        }

        if (pid is null)
        {
            problems.Add("the target has no local process id (a remote URL, PERF_TARGET): py-spy can only profile a process on this machine; profile it on its own host.");
        }

        if (ptrace.Problem() is { } denied)
        {
            problems.Add(denied);
        }

        return problems;
    }

    /// <summary>Why py-spy cannot record <paramref name="pid"/> because the process is gone, or <c>null</c> when it runs.</summary>
    /// <param name="pid">The process to profile.</param>
    /// <returns>A readable reason, or <c>null</c>.</returns>
    public static string? ProcessProblem(int pid) =>
        Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            ? null
            : $"pid {pid.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not running (the process exited, or the pid is wrong).";

    /// <summary>Checks the current process's environment (<c>PATH</c>, ptrace access).</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="pid">The target's process id, or <c>null</c> for a remote target.</param>
    /// <returns>The problems; empty when profiling can start.</returns>
    public static IReadOnlyList<string> Check(PySpyProfilerConfig config, int? pid) =>
        Check(config, pid, PtraceAccess.Read(), Environment.GetEnvironmentVariable("PATH"));

    /// <summary>
    /// The full path of <paramref name="executable"/>: itself when it contains a <c>/</c> and is an executable file,
    /// otherwise the first executable file of that name in a <c>PATH</c> folder.
    /// </summary>
    /// <param name="executable">A path or a bare name.</param>
    /// <param name="pathVariable">Colon-separated folders; <c>null</c> or empty finds bare names nowhere.</param>
    /// <returns>The full path, or <c>null</c> when not found.</returns>
    public static string? FindExecutable(string executable, string? pathVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        if (executable.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutableFile(executable) ? Path.GetFullPath(executable) : null;
        }

        foreach (var folder in (pathVariable ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, executable);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path) =>
        File.Exists(path)
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
