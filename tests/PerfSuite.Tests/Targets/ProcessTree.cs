using System.Globalization;

namespace PerfSuite.Tests.Targets;

/// <summary>
/// What runs on this machine, read from /proc: a process's parent, command line and environment, the descendants of a
/// process, and the TCP ports in LISTEN state. Processes may end while they are read; such a process is skipped.
/// </summary>
internal static class ProcessTree
{
    /// <summary>Every living process id.</summary>
    public static IReadOnlyList<int> All() =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0).Where(pid => pid > 0)];

    /// <summary>The parent of <paramref name="pid"/>, or 0 when it is gone.</summary>
    public static int Parent(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after its last ')'.
        var end = stat.LastIndexOf(')');
        var fields = end < 0 ? [] : stat[(end + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : 0;
    }

    /// <summary>Every living process whose chain of parents leads to <paramref name="root"/>.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = All().ToDictionary(pid => pid, Parent);
        return [.. parents.Keys.Where(pid =>
        {
            for (var p = parents[pid]; p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == root)
                {
                    return true;
                }
            }

            return false;
        })];
    }

    /// <summary>The command line, arguments separated by spaces; empty when the process is gone.</summary>
    public static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>The environment, one NAME=VALUE per line; empty when the process is gone or unreadable.</summary>
    public static string Environment(int pid) => Read($"/proc/{pid}/environ").Replace('\0', '\n');

    /// <summary>Living processes whose command line or environment contains any of <paramref name="needles"/>, with their command lines.</summary>
    public static IReadOnlyList<string> Mentioning(params string[] needles) =>
        [.. All().Where(pid => pid != System.Environment.ProcessId)
            .Where(pid => needles.Any(n => CommandLine(pid).Contains(n, StringComparison.Ordinal) || Environment(pid).Contains(n, StringComparison.Ordinal)))
            .Select(pid => $"{pid} {CommandLine(pid)}")];

    /// <summary>True when a socket of this machine listens on TCP <paramref name="port"/> (IPv4 or IPv6).</summary>
    public static bool IsListening(int port)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in Read(table).Split('\n').Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

                // sl local_address rem_address st …; local_address is HEXIP:HEXPORT, st 0A is LISTEN.
                if (fields.Length > 3 && fields[3] == "0A" && fields[1].Split(':') is [_, var hexPort]
                    && int.Parse(hexPort, NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
