using System.Globalization;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// Finds a local process by its command line, as <c>pgrep -f PATTERN | head -n 1</c> does: the lowest PID (the earliest
/// started, until PIDs wrap) whose command line contains the text, this process excluded.
/// </summary>
public static class ProcessDiscovery
{
    /// <summary>The first process of <paramref name="processes"/> (by PID) whose command line contains <paramref name="fragment"/>.</summary>
    /// <param name="processes">PIDs with their command lines (arguments joined by spaces).</param>
    /// <param name="fragment">The text to look for, case-sensitive (as pgrep).</param>
    /// <param name="excludedPid">A PID never to return, e.g. the caller's own.</param>
    /// <returns>The PID, or <c>null</c> when none matches.</returns>
    public static int? FirstMatching(IEnumerable<(int Pid, string CommandLine)> processes, string fragment, int excludedPid)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentException.ThrowIfNullOrEmpty(fragment);
        return processes
            .Where(p => p.Pid != excludedPid && p.CommandLine.Contains(fragment, StringComparison.Ordinal))
            .Select(p => (int?)p.Pid)
            .Min();
    }

    /// <summary>The first process on this machine whose command line contains <paramref name="fragment"/> (read from <c>/proc</c>).</summary>
    /// <param name="fragment">The text to look for, e.g. <c>gunicorn</c>.</param>
    /// <returns>The PID, or <c>null</c> when none matches.</returns>
    public static int? FirstMatching(string fragment) => FirstMatching(Processes(), fragment, Environment.ProcessId);

    /// <summary>The live processes of this machine with their command lines; kernel threads (empty command lines) are left out.</summary>
    /// <returns>PID and command line pairs, in no particular order.</returns>
    public static IEnumerable<(int Pid, string CommandLine)> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Length > 0)
            {
                yield return (pid, commandLine);
            }
        }
    }
}
