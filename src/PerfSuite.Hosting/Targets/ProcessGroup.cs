using System.Globalization;
using System.Runtime.InteropServices;

namespace PerfSuite.Hosting.Targets;

/// <summary>
/// Signals and inspects a Linux process group (a target started under <c>setsid</c> leads its own group,
/// so its workers can be found and stopped with it).
/// </summary>
internal static partial class ProcessGroup
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to one process. Returns false when it no longer exists.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to every process of the group led by <paramref name="leaderPid"/>.</summary>
    public static bool SignalGroup(int leaderPid, int signal) => Kill(-leaderPid, signal) == 0;

    /// <summary>PIDs of the live (non-zombie) processes whose process group is <paramref name="groupId"/>.</summary>
    public static IReadOnlyList<int> Members(int groupId)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // The command name in field 2 may contain spaces and parentheses: parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var state = fields[0];
            var pgrp = int.Parse(fields[2], CultureInfo.InvariantCulture);
            if (pgrp == groupId && state != "Z" && state != "X")
            {
                members.Add(pid);
            }
        }

        return members;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
