using System.Diagnostics;

namespace PerfSuite.Hosting.Profiling;

/// <summary>Starts a py-spy command (record or dump) and turns a failure to launch it into a readable <see cref="ProfilerException"/>.</summary>
internal static class PySpyProcess
{
    /// <summary>Starts <paramref name="start"/>; <paramref name="executable"/> names py-spy in the error.</summary>
    public static Process Start(ProcessStartInfo start, string executable)
    {
        try
        {
            return Process.Start(start) ?? throw new ProfilerException($"Could not start {executable}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ProfilerException($"Could not start {executable}: {e.Message}", e);
        }
    }
}
