using System.Diagnostics;
using System.Globalization;

namespace PerfSuite.Xunit;

/// <summary>
/// What is left to read when the test host is killed in the middle of a case (an OOM kill, a killed container, a CI
/// timeout): <c>dotnet test</c> then reports only that the host went away, or, after its own wait, "No test is available".
/// At the start of a case one line goes to standard error, which VSTest prints when it reports the host crashed, and
/// <c>incomplete.txt</c> is written in the case's reports folder; the file is removed when the case ends, so one left behind
/// names a case that never finished, with when and in which process it started.
/// </summary>
internal sealed class CaseInProgress : IDisposable
{
    /// <summary>The file a case that never finished leaves in its reports folder.</summary>
    public const string FileName = "incomplete.txt";

    private readonly string _path;

    private CaseInProgress(string path) => _path = path;

    /// <summary>Writes the line and the file; a folder that cannot be written is left to the reports to complain about.</summary>
    /// <param name="directory">The case's reports folder.</param>
    /// <param name="test">The running test's display name.</param>
    /// <param name="caseName">The case (scenario / profile).</param>
    /// <param name="error">Standard error, or a stand-in in tests.</param>
    /// <returns>The marker; dispose it when the case ends.</returns>
    public static CaseInProgress Start(string directory, string test, string caseName, TextWriter error)
    {
        var path = Path.Combine(directory, FileName);
        var started = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        error.WriteLine($"perfsuite: {test}: {caseName} started {started} in process {Environment.ProcessId}, reports in {directory}");
        error.Flush();
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(
                path,
                $"{caseName} ({test}) started {started} in process {Environment.ProcessId} and did not finish: the test host was killed, " +
                "or the machine stopped, before the case ended (a case that ends removes this file). Reports were not written.\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Trace.TraceWarning($"perfsuite: could not write {path}: {e.Message}");
        }

        return new CaseInProgress(path);
    }

    /// <summary>The case ended (passed, failed or threw): the marker goes.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Trace.TraceWarning($"perfsuite: could not remove {_path}: {e.Message}");
        }
    }
}
