using System.Globalization;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Xunit;

/// <summary>
/// The py-spy profiling of a load-test run (<c>PERF_PROFILE=1</c> or <c>PERF_PYSPY=&lt;path&gt;</c>): the session keeps
/// which process to record (<see cref="ProfiledProcess.Select"/>), the configuration and the verdict of the
/// preconditions; each test case then records its own <c>py-spy record --format raw</c> around its load run
/// (<see cref="StartAsync"/>), and at the end the cases' stacks are merged into the run's flamegraph. Profiling never fails
/// a load test: a precondition that fails, or a py-spy that fails, becomes a log line and the reason in the report.
/// </summary>
internal sealed class LoadTestProfiling
{
    public const string FlameGraphFile = "profile.svg";
    public const string StacksFile = "profile.txt";
    public const string DumpFile = "server-dump.txt";

    private readonly List<CollapsedStacks> recorded = [];
    private readonly Lock gate = new();

    private LoadTestProfiling(PySpyProfilerConfig config, ProfiledProcess process, string? unavailable)
    {
        Config = config with { Format = PySpyOutputFormat.Raw, Subprocesses = true };
        Process = process;
        Unavailable = unavailable;
    }

    /// <summary>The record configuration (raw collapsed stacks, subprocesses).</summary>
    public PySpyProfilerConfig Config { get; }

    /// <summary>The process recorded, or why there is none.</summary>
    public ProfiledProcess Process { get; }

    /// <summary>Why no case of this run is profiled; <c>null</c> when profiling can run.</summary>
    public string? Unavailable { get; }

    /// <summary>Chooses the process and checks the preconditions; <c>null</c> when profiling was not asked for.</summary>
    public static LoadTestProfiling? Create(PySpyProfilerConfig? config, ITarget target, Action<string> log)
    {
        if (config is null)
        {
            return null;
        }

        var process = ProfiledProcess.Select(target, config.ProcessId, ProcessDiscovery.FirstMatching);
        var problems = process.Pid is { } pid
            ? [.. PySpyPreconditions.Check(config, pid), .. PySpyPreconditions.ProcessProblem(pid) is { } gone ? [gone] : Array.Empty<string>()]
            : new List<string> { process.Description };
        if (problems.Count > 0)
        {
            var reason = string.Join(" ", problems);
            log($"profiling is off: {reason}");
            return new LoadTestProfiling(config, process, reason);
        }

        log($"profiling: each load test case records {process.Description} and its subprocesses with py-spy ({config.Executable}) at {config.SamplingRate}/s");
        return new LoadTestProfiling(config, process, null);
    }

    /// <summary>Starts one case's recording into <c>&lt;caseDirectory&gt;/profile.txt</c>; never throws for a py-spy failure (the recording then says why).</summary>
    public async Task<LoadTestRecording> StartAsync(string caseDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        if (Unavailable is not null || Process.Pid is not { } pid)
        {
            return new LoadTestRecording(this, caseDirectory, null, Unavailable ?? Process.Description);
        }

        if (PySpyPreconditions.ProcessProblem(pid) is { } gone)
        {
            log($"profiling is off for this case: {gone}");
            return new LoadTestRecording(this, caseDirectory, null, gone);
        }

        var session = new PySpySession(Config with { OutputPath = Path.Combine(caseDirectory, StacksFile) });
        try
        {
            await session.StartAsync(pid, cancellationToken).ConfigureAwait(false);
        }
        catch (ProfilerException e)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            log($"profiling is off for this case: {e.Message}");
            return new LoadTestRecording(this, caseDirectory, null, e.Message);
        }

        log(string.Create(CultureInfo.InvariantCulture, $"profiling: py-spy (pid {session.ProcessId}) records pid {pid} and its subprocesses into {session.OutputPath}"));
        return new LoadTestRecording(this, caseDirectory, session, null);
    }

    /// <summary>
    /// Writes <c>py-spy dump</c> of the profiled process into <c>&lt;caseDirectory&gt;/server-dump.txt</c> (or, when the
    /// dump fails, why) and returns its path; <c>null</c> when there is no process to dump.
    /// </summary>
    public async Task<string?> DumpAsync(string caseDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        if (Unavailable is not null || Process.Pid is not { } pid)
        {
            return null;
        }

        string text;
        try
        {
            text = await PySpyDump.RunAsync(Config, pid, cancellationToken).ConfigureAwait(false);
        }
        catch (ProfilerException e)
        {
            text = $"No dump: {e.Message}\n";
        }

        Directory.CreateDirectory(caseDirectory);
        var path = Path.Combine(caseDirectory, DumpFile);
        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        log($"server dump: {path}");
        return path;
    }

    /// <summary>
    /// Merges every case's stacks (all samples, exactly) into <c>&lt;runDirectory&gt;/profile.txt</c> and the run's
    /// flamegraph <c>profile.svg</c>; returns the flamegraph's path, or <c>null</c> when no case was recorded.
    /// </summary>
    public async Task<string?> WriteRunProfileAsync(string runDirectory, Action<string> log)
    {
        CollapsedStacks merged;
        lock (gate)
        {
            if (recorded.Count == 0)
            {
                return null;
            }

            merged = CollapsedStacks.Merge(recorded);
        }

        Directory.CreateDirectory(runDirectory);
        await File.WriteAllTextAsync(Path.Combine(runDirectory, StacksFile), merged.Format()).ConfigureAwait(false);
        var path = Path.Combine(runDirectory, FlameGraphFile);
        await File.WriteAllTextAsync(path, FlameGraphSvg.Render(merged, $"Server profile of run {Path.GetFileName(runDirectory)}: every load test case")).ConfigureAwait(false);
        log($"profile: {path} ({merged.TotalSamples} samples from {recorded.Count} test cases)");
        return path;
    }

    internal void Add(CollapsedStacks stacks)
    {
        lock (gate)
        {
            recorded.Add(stacks);
        }
    }
}
