using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Xunit;

/// <summary>
/// The optional py-spy profile of a load-test run (<c>PERF_PROFILE=1</c> or <c>PERF_PYSPY=&lt;path&gt;</c>): started on
/// the target's PID once the target is up, stopped when the session ends, written to
/// <c>&lt;artifacts&gt;/perf/&lt;run-id&gt;/profile-&lt;pid&gt;.svg</c>. Profiling never fails a load test: when a
/// precondition fails, or py-spy fails, a log line says why and the load tests run without it.
/// </summary>
/// <remarks>
/// The profile is not attached to a test: xUnit v3 attachments belong to one test, and py-spy writes the flame graph
/// only when it stops, at the end of the session, after the last test has reported. Stopping earlier (at the "last"
/// test) would need to know which test is last and would miss the others. So the path is logged as a diagnostic
/// message and the file lies in the run's artifacts folder next to the reports, which CI uploads.
/// </remarks>
internal static class LoadTestProfiling
{
    /// <summary>The profile file of a run: <c>&lt;artifacts&gt;/perf/&lt;run-id&gt;/profile-&lt;pid&gt;&lt;ext&gt;</c>.</summary>
    public static string ProfilePath(PySpyProfilerConfig config, string artifactsDirectory, string runId, int pid) =>
        Path.GetFullPath(Path.Combine(artifactsDirectory, "perf", runId, config.DefaultFileName(pid)));

    /// <summary>Starts py-spy when <paramref name="config"/> is set and the preconditions hold; otherwise logs why not and returns <c>null</c>.</summary>
    public static async Task<PySpySession?> TryStartAsync(
        PySpyProfilerConfig? config, ITarget target, string artifactsDirectory, string runId, Action<string> log, CancellationToken cancellationToken)
    {
        if (config is null)
        {
            return null;
        }

        var problems = PySpyPreconditions.Check(config, target.ProcessId);
        if (problems.Count > 0)
        {
            log($"profiling is off: {string.Join(" ", problems)}");
            return null;
        }

        var pid = target.ProcessId!.Value;
        var session = new PySpySession(config with { OutputPath = ProfilePath(config, artifactsDirectory, runId, pid) });
        try
        {
            await session.StartAsync(pid, cancellationToken).ConfigureAwait(false);
        }
        catch (ProfilerException e)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            log($"profiling is off: {e.Message}");
            return null;
        }

        log($"profiling: py-spy (pid {session.ProcessId}) records pid {pid}{(config.Subprocesses ? " and its workers" : string.Empty)} at {config.SamplingRate}/s into {session.OutputPath}");
        return session;
    }

    /// <summary>Stops py-spy, logs where the profile is (or why there is none) and returns its path; never throws for a py-spy failure.</summary>
    public static async Task<string?> StopAsync(PySpySession session, Action<string> log)
    {
        try
        {
            var path = await session.StopAsync().ConfigureAwait(false);
            log($"profile: {path}");
            return path;
        }
        catch (ProfilerException e)
        {
            log($"profiling failed: {e.Message}");
            return null;
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
