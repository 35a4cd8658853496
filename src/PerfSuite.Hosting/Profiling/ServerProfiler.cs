using System.Globalization;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// The py-spy profiling of a target for a whole run of cases (a BenchmarkDotNet-style diagnoser): it keeps which process
/// to record (<see cref="ProfiledProcess.Select"/>), the configuration and the verdict of the preconditions; each case
/// then records its own <c>py-spy record --format raw</c> around its load run (<see cref="StartAsync"/>), and
/// <see cref="WriteRunProfileAsync"/> merges the cases' stacks into the run's flamegraph. Profiling never fails a load
/// test: a precondition that fails, or a py-spy that fails, becomes a log line and the reason in the report.
/// </summary>
public sealed class ServerProfiler
{
    /// <summary>A case's (and the run's) flamegraph file name.</summary>
    public const string FlameGraphFile = "profile.svg";
    /// <summary>A case's (and the run's) collapsed stacks file name.</summary>
    public const string StacksFile = "profile.txt";
    /// <summary>The dump of a case that missed its budget.</summary>
    public const string DumpFile = "server-dump.txt";

    private readonly List<CollapsedStacks> _recorded = [];
    private readonly Lock _gate = new();

    private int _recordings;

    private ServerProfiler(PySpyProfilerConfig config, ProfiledProcess process, string? unavailable, ISamplerControl? sampler = null, string? choice = null)
    {
        Config = config with { Format = PySpyOutputFormat.Raw, Subprocesses = true };
        Process = process;
        Unavailable = unavailable;
        Sampler = sampler;
        Choice = choice;
    }

    /// <summary>Whose code each frame is, for the hot spots' split (<c>PERF_YOUR_CODE</c>); default <see cref="CodeClassifier.Default"/>.</summary>
    public CodeClassifier Classifier { get; private init; } = CodeClassifier.Default;

    /// <summary>The in-process sampler that records the cases; <c>null</c> when py-spy does.</summary>
    public ISamplerControl? Sampler { get; }

    /// <summary>
    /// When py-spy records and a worker has loaded the in-process sampler too: the sampler, whose dump of every live
    /// greenlet goes into <c>server-dump.txt</c> beside py-spy's dump of the OS threads; <c>null</c> otherwise.
    /// </summary>
    public ISamplerControl? GreenletDumpSampler { get; private init; }

    // With the sampler recording and py-spy able to attach too (PERF_SERVER_PROFILE=sampler): py-spy dumps this pid's OS
    // threads beside the greenlet dump.
    private int? PySpyDumpPid { get; init; }

    /// <summary>The heading of py-spy's part of <c>server-dump.txt</c> when the greenlet dump is beside it.</summary>
    public const string PySpyDumpHeading = "== py-spy dump: every OS thread of the server's processes ==";

    /// <summary>The heading of the sampler's part of <c>server-dump.txt</c> when it is beside py-spy's dump.</summary>
    public const string GreenletDumpHeading = "== in-process sampler: every live greenlet, grouped by identical stack ==";

    /// <summary>Which profiler records the cases: <c>py-spy</c> or <c>the in-process sampler</c>.</summary>
    public string Recorder => Sampler is null ? "py-spy" : "the in-process sampler";

    /// <summary>Which profiler records and why the other was not used (said in every report); <c>null</c> when there was no choice to make.</summary>
    public string? Choice { get; }

    /// <summary>The record configuration (raw collapsed stacks, subprocesses).</summary>
    public PySpyProfilerConfig Config { get; }

    /// <summary>The process recorded, or why there is none.</summary>
    public ProfiledProcess Process { get; }

    /// <summary>Why no case of this run is profiled; <c>null</c> when profiling can run.</summary>
    public string? Unavailable { get; }

    /// <summary>The cases recorded so far.</summary>
    public int RecordedCases
    {
        get
        {
            lock (_gate)
            {
                return _recorded.Count;
            }
        }
    }

    /// <summary>Chooses the process of <paramref name="target"/> to record and checks py-spy's preconditions.</summary>
    /// <param name="config">py-spy's settings.</param>
    /// <param name="target">The started target.</param>
    /// <param name="log">Receives one line: what is recorded, or why nothing is.</param>
    /// <returns>The profiler; when a precondition fails, <see cref="Unavailable"/> says why and every case's report says so.</returns>
    public static ServerProfiler Create(PySpyProfilerConfig config, ITarget target, Action<string> log) => Create(config, target, log, null);

    private static ServerProfiler Create(PySpyProfilerConfig config, ITarget target, Action<string> log, string? choice)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(log);

        var process = ProfiledProcess.Select(target, config.ProcessId, ProcessDiscovery.FirstMatching);
        var problems = process.Pid is { } pid
            ? [.. PySpyPreconditions.Check(config, pid), .. PySpyPreconditions.ProcessProblem(pid) is { } gone ? [gone] : Array.Empty<string>()]
            : new List<string> { process.Description };
        if (problems.Count > 0)
        {
            var reason = string.Join(" ", problems);
            log($"profiling is off: {reason}");
            return new ServerProfiler(config, process, reason, null, choice);
        }

        log($"profiling: each load test case records {process.Description} and its subprocesses with py-spy ({config.Executable}) at {config.SamplingRate}/s");
        return new ServerProfiler(config, process, null, null, choice);
    }

    /// <summary>
    /// Chooses the profiler for <paramref name="mode"/>: <see cref="ServerProfileMode.PySpy"/> py-spy,
    /// <see cref="ServerProfileMode.Sampler"/> the in-process sampler, <see cref="ServerProfileMode.Auto"/> py-spy when it
    /// can attach (the first choice), else the sampler when a worker has loaded it. The profiler's <see cref="Choice"/>
    /// says which records and why the other was not used.
    /// </summary>
    /// <param name="mode">The mode (not off).</param>
    /// <param name="config">py-spy's settings.</param>
    /// <param name="sampler">The sampler's control, or <c>null</c> when none is configured.</param>
    /// <param name="target">The started target.</param>
    /// <param name="log">Receives one line: what is recorded, or why nothing is.</param>
    /// <param name="cancellationToken">Cancels the sampler's check.</param>
    /// <param name="classifier">Whose code each frame is (the hot spots' split); default <see cref="CodeClassifier.Default"/>.</param>
    /// <returns>The profiler; <see cref="Unavailable"/> says why when neither can record.</returns>
    public static async Task<ServerProfiler> ChooseAsync(
        ServerProfileMode mode, PySpyProfilerConfig config, ISamplerControl? sampler, ITarget target, Action<string> log, CancellationToken cancellationToken, CodeClassifier? classifier = null)
    {
        var chosen = await ChooseCoreAsync(mode, config, sampler, target, log, cancellationToken).ConfigureAwait(false);
        return classifier is null ? chosen : chosen.With(chosen.GreenletDumpSampler, classifier);
    }

    private static async Task<ServerProfiler> ChooseCoreAsync(
        ServerProfileMode mode, PySpyProfilerConfig config, ISamplerControl? sampler, ITarget target, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(log);
        if (mode == ServerProfileMode.Off)
        {
            throw new ArgumentException("off has no profiler.", nameof(mode));
        }

        var noSampler = sampler is null
            ? $"no in-process sampler is configured ({SamplerFolder.FolderVariable} or {SamplerEndpoint.UrlVariable})"
            : await sampler.ProblemAsync(cancellationToken).ConfigureAwait(false);
        // py-spy records, and a loaded sampler still dumps the greenlets that py-spy cannot see.
        ServerProfiler PySpyWithGreenlets(string choice)
        {
            var chosen = Create(config, target, log, choice);
            return noSampler is null && chosen.Unavailable is null ? chosen.With(sampler, chosen.Classifier) : chosen;
        }

        if (mode == ServerProfileMode.PySpy)
        {
            return PySpyWithGreenlets($"{ServerProfileModeText(mode)}: py-spy records; the in-process sampler was not used because py-spy was asked for"
                + (noSampler is null ? " (it dumps the greenlets beside py-spy's dump)" : string.Empty));
        }

        string? noPySpy = null;
        if (mode == ServerProfileMode.Auto)
        {
            var process = ProfiledProcess.Select(target, config.ProcessId, ProcessDiscovery.FirstMatching);
            List<string> problems = process.Pid is { } pid
                ? [.. PySpyPreconditions.Check(config, pid), .. PySpyPreconditions.ProcessProblem(pid) is { } gone ? [gone] : Array.Empty<string>()]
                : [process.Description];
            if (problems.Count == 0)
            {
                return PySpyWithGreenlets($"{ServerProfileModeText(mode)}: py-spy records because it can attach (the first choice); the in-process sampler was not used"
                    + (noSampler is null ? " to record (it dumps the greenlets beside py-spy's dump)" : $" (and {noSampler})"));
            }

            noPySpy = string.Join(" ", problems);
        }

        var why = noPySpy is null ? "py-spy was not used because the sampler was asked for" : $"py-spy was not used: {noPySpy}";
        if (noSampler is not null)
        {
            var reason = $"{ServerProfileModeText(mode)}: the in-process sampler cannot record: {noSampler}; {why}";
            log($"profiling is off: {reason}");
            return new ServerProfiler(config, new ProfiledProcess(null, sampler?.Description ?? "no sampler"), reason, sampler, reason);
        }

        int? dumpPid = null;
        if (mode == ServerProfileMode.Sampler
            && ProfiledProcess.Select(target, config.ProcessId, ProcessDiscovery.FirstMatching).Pid is { } candidate
            && PySpyPreconditions.Check(config, candidate).Count == 0 && PySpyPreconditions.ProcessProblem(candidate) is null)
        {
            dumpPid = candidate;
        }

        var choice = $"{ServerProfileModeText(mode)}: the in-process sampler records ({sampler!.Description}); {why}"
            + (dumpPid is null ? string.Empty : " (py-spy dumps the OS threads beside the greenlet dump)");
        log($"profiling: each load test case is recorded by {choice}");
        return new ServerProfiler(config, new ProfiledProcess(null, sampler.Description), null, sampler, choice) { PySpyDumpPid = dumpPid };
    }

    private ServerProfiler With(ISamplerControl? greenletDumpSampler, CodeClassifier classifier) =>
        new(Config, Process, Unavailable, Sampler, Choice) { Classifier = classifier, GreenletDumpSampler = greenletDumpSampler, PySpyDumpPid = PySpyDumpPid };

    private static string ServerProfileModeText(ServerProfileMode mode) =>
        $"{PerfSettings.ServerProfileVariable}={mode switch { ServerProfileMode.PySpy => "py-spy", var m => m.ToString().ToLowerInvariant() }}";

    /// <summary>Starts one case's recording into <c>&lt;caseDirectory&gt;/profile.txt</c>; never throws for a py-spy failure (the recording then says why).</summary>
    /// <param name="caseDirectory">The case's report folder.</param>
    /// <param name="log">Receives what happened.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The recording; stop it after the load run.</returns>
    public async Task<ServerRecording> StartAsync(string caseDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        if (Sampler is { } sampler && Unavailable is null)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"case-{Interlocked.Increment(ref _recordings)}-{Guid.NewGuid():N}");
            try
            {
                await sampler.StartAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProfilerException or IOException or UnauthorizedAccessException)
            {
                log($"profiling is off for this case: {e.Message}");
                return new ServerRecording(this, caseDirectory, (PySpySession?)null, e.Message);
            }

            log($"profiling: {sampler.Description} records this case ({id})");
            return new ServerRecording(this, caseDirectory, sampler, id);
        }

        if (Unavailable is not null || Process.Pid is not { } pid)
        {
            return new ServerRecording(this, caseDirectory, (PySpySession?)null, Unavailable ?? Process.Description);
        }

        if (PySpyPreconditions.ProcessProblem(pid) is { } gone)
        {
            log($"profiling is off for this case: {gone}");
            return new ServerRecording(this, caseDirectory, (PySpySession?)null, gone);
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
            return new ServerRecording(this, caseDirectory, (PySpySession?)null, e.Message);
        }

        log(string.Create(CultureInfo.InvariantCulture, $"profiling: py-spy (pid {session.ProcessId}) records pid {pid} and its subprocesses into {session.OutputPath}"));
        return new ServerRecording(this, caseDirectory, session, null);
    }

    /// <summary>
    /// Writes <c>py-spy dump</c> of the profiled process into <c>&lt;caseDirectory&gt;/server-dump.txt</c> (or, when the
    /// dump fails, why), followed by the sampler's greenlet dump under its own heading when <see cref="GreenletDumpSampler"/>
    /// is set; with the sampler recording, its greenlet dump, after py-spy's dump under the same two headings when py-spy
    /// can attach too. Returns the path; <c>null</c> when there is no process to dump.
    /// </summary>
    /// <param name="caseDirectory">The case's report folder.</param>
    /// <param name="log">Receives the dump's path.</param>
    /// <param name="cancellationToken">Cancels the dump.</param>
    /// <returns>The dump's path, or <c>null</c>.</returns>
    public async Task<string?> DumpAsync(string caseDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        string text;
        if (Sampler is { } sampler && Unavailable is null)
        {
            try
            {
                text = await sampler.DumpAsync(string.Create(CultureInfo.InvariantCulture, $"dump-{Guid.NewGuid():N}"), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProfilerException or IOException or UnauthorizedAccessException)
            {
                text = $"No greenlet dump: {e.Message}\n";
            }

            if (PySpyDumpPid is { } dumpPid)
            {
                string threads;
                try
                {
                    threads = await PySpyDump.RunAsync(Config, dumpPid, cancellationToken).ConfigureAwait(false);
                }
                catch (ProfilerException e)
                {
                    threads = $"No dump: {e.Message}\n";
                }

                text = $"{PySpyDumpHeading}\n\n{threads.TrimEnd()}\n\n{GreenletDumpHeading}\n\n{text}";
            }
        }
        else if (Unavailable is not null || Process.Pid is not { } pid)
        {
            return null;
        }
        else
        {
            try
            {
                text = await PySpyDump.RunAsync(Config, pid, cancellationToken).ConfigureAwait(false);
            }
            catch (ProfilerException e)
            {
                text = $"No dump: {e.Message}\n";
            }

            if (GreenletDumpSampler is { } greenlets)
            {
                string greenletText;
                try
                {
                    greenletText = await greenlets.DumpAsync(string.Create(CultureInfo.InvariantCulture, $"dump-{Guid.NewGuid():N}"), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ProfilerException or IOException or UnauthorizedAccessException)
                {
                    greenletText = $"No greenlet dump: {e.Message}\n";
                }

                text = $"{PySpyDumpHeading}\n\n{text.TrimEnd()}\n\n{GreenletDumpHeading}\n\n{greenletText}";
            }
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
    /// <param name="runDirectory">The run's report folder.</param>
    /// <param name="log">Receives the profile's path and sample count.</param>
    /// <returns>The flamegraph's path, or <c>null</c>.</returns>
    public async Task<string?> WriteRunProfileAsync(string runDirectory, Action<string> log)
    {
        CollapsedStacks merged;
        lock (_gate)
        {
            if (_recorded.Count == 0)
            {
                return null;
            }

            merged = CollapsedStacks.Merge(_recorded);
        }

        Directory.CreateDirectory(runDirectory);
        await File.WriteAllTextAsync(Path.Combine(runDirectory, StacksFile), merged.Format()).ConfigureAwait(false);
        var path = Path.Combine(runDirectory, FlameGraphFile);
        await File.WriteAllTextAsync(path, FlameGraphSvg.Render(merged, $"Server profile of run {Path.GetFileName(runDirectory)}: every load test case")).ConfigureAwait(false);
        log($"profile: {path} ({merged.TotalSamples} samples from {_recorded.Count} test cases)");
        return path;
    }

    internal void Add(CollapsedStacks stacks)
    {
        lock (_gate)
        {
            _recorded.Add(stacks);
        }
    }
}
