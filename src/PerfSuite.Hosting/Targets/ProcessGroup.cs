using System.Diagnostics;
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

    /// <summary>
    /// How every process group of the suite starts: <paramref name="executable"/> under <c>setsid</c>, so it leads a group of
    /// its own (its children can be found and killed with it, and a Ctrl+C in the terminal does not reach it), with stdin,
    /// stdout and stderr redirected. Start it, then <see cref="Track"/> it.
    /// </summary>
    /// <param name="executable">The program the group's leader runs.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>The start info; set the working directory and environment on it as needed.</returns>
    public static ProcessStartInfo LeaderStartInfo(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Puts a started group leader under the safety net that kills its group if the test host exits first.</summary>
    /// <param name="leader">The started leader.</param>
    public static void Track(Process leader) => RunningTargets.Add(leader.Id);

    /// <summary>
    /// How every process group of the suite ends: SIGKILL to whatever is left of the group until no member is alive (5 s at
    /// most), the leader reaped (5 s at most), the safety net released and the process disposed.
    /// </summary>
    /// <param name="leader">The group's leader (its PID is the group id).</param>
    /// <returns>A task completing when the group is gone or the bounds ran out.</returns>
    public static async Task KillAsync(Process leader)
    {
        var groupId = leader.Id;
        var bound = Stopwatch.StartNew();
        while (Members(groupId).Count > 0 && bound.Elapsed < TimeSpan.FromSeconds(5))
        {
            SignalGroup(groupId, SigKill);
            await Task.Delay(TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
        }

        using var reap = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await leader.WaitForExitAsync(reap.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed above; a process that is not reaped within 5 s is stuck in the kernel and cannot be helped here.
        }

        RunningTargets.Remove(groupId);
        leader.Dispose();
    }

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
