using System.Diagnostics;

namespace PerfSuite.Tests.Profiling;

/// <summary>
/// A real Python process with one child (as a gunicorn master with a worker), for the py-spy stand-in, which refuses
/// processes that are not Python as py-spy does. Runs in its own process group; disposing kills the group and reaps it.
/// </summary>
internal sealed class SleepingPython : IDisposable
{
    private const string Script = "import subprocess, sys, time; child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)']); time.sleep(300)";
    private readonly Process _process;

    private SleepingPython(Process process) => _process = process;

    /// <summary>The parent's PID (the process group leader).</summary>
    public int Pid => _process.Id;

    /// <summary>Starts <c>python3 -c ... MARKER</c> under setsid and waits (bounded) until its child runs.</summary>
    /// <param name="marker">A word put on the parent's command line, to find it by.</param>
    public static SleepingPython Start(string marker = "perfsuite-sleeping-python")
    {
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "/usr/bin/python3", "-c", Script, marker })
        {
            start.ArgumentList.Add(argument);
        }

        var python = new SleepingPython(Process.Start(start)!);
        var deadline = Stopwatch.StartNew();
        while (python.Children().Count == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }

        return python.Children().Count > 0 ? python : throw new InvalidOperationException("python3 did not start its child within 10 s");
    }

    /// <summary>The PIDs of the parent's live children.</summary>
    public IReadOnlyList<int> Children() =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), out var pid), Pid: pid))
            .Where(p => p.Ok && ParentOf(p.Dir) == Pid)
            .Select(p => p.Pid),
    ];

    public void Dispose()
    {
        using var kill = Process.Start("/bin/kill", ["-KILL", "--", $"-{Pid}"]);
        kill.WaitForExit(5000);
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private static int? ParentOf(string directory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is "Z" or "X" ? null : int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
