using System.Globalization;

namespace PerfSuite.Hosting.Targets;

/// <summary>Words for how a process ended, from .NET's exit code (128 + the signal number when a signal killed it, on Linux).</summary>
internal static class ExitDescription
{
    private static readonly Dictionary<int, string> SignalNames = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [6] = "SIGABRT", [7] = "SIGBUS", [8] = "SIGFPE",
        [9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM",
    };

    /// <summary>e.g. <c>was killed by signal 9 (SIGKILL)</c> or <c>exited with code 3</c>.</summary>
    public static string Of(int exitCode) => exitCode > 128 && exitCode < 128 + 65
        ? string.Create(CultureInfo.InvariantCulture, $"was killed by signal {exitCode - 128} ({SignalNames.GetValueOrDefault(exitCode - 128, "SIG" + (exitCode - 128))})")
        : string.Create(CultureInfo.InvariantCulture, $"exited with code {exitCode}");
}
