using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Profiles;
using Xunit;

namespace PerfSuite.Xunit;

/// <summary>
/// The optional collection fixture that profiles the server under test for the collection's load tests: a suite opts in
/// with <c>ICollectionFixture&lt;ServerProfilingFixture&gt;</c> (or a class derived from it) beside its
/// <see cref="LoadTestFixture"/>. Each test case then gets its own recording of the server, by py-spy (the target's process and its
/// subprocesses) or by the in-process sampler the server loaded (<c>PERF_SERVER_PROFILE=sampler</c>, or <c>auto</c> where py-spy cannot attach) (<c>profile.svg</c>, <c>profile.txt</c>, "Server hot spots" in the reports, <c>server-dump.txt</c> when the
/// case misses its budget), all attached to the case, and the run's profile merged from every case so far
/// (<c>run-profile.svg</c>) is attached too, so the last case carries the whole run's. <c>PERF_SERVER_PROFILE=off</c>
/// turns it off in CI; without this fixture no profiler code runs.
/// </summary>
public class ServerProfilingFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _choosing = new(1, 1);
    private ServerProfiler? _profiler;
    private ITarget? _profiledTarget;
    private string? _runDirectory;
    private Exception? _settingsProblem;
    private bool _noPySpy;

    /// <summary>Reads a variable (name → value, <c>null</c> when unset); default the process environment. Overridden in tests.</summary>
    protected virtual Func<string, string?> ReadVariable => Environment.GetEnvironmentVariable;

    /// <summary>The mode (<c>PERF_SERVER_PROFILE</c>) and py-spy's settings (<c>PERF_PYSPY</c>, <c>PERF_PROFILE_PID</c>); read at start.</summary>
    public (ServerProfileMode Mode, PySpyProfilerConfig PySpy)? Settings { get; private set; }

    /// <summary>Where the whole run's merged flamegraph was written when the fixture was disposed; <c>null</c> before, or when no case was recorded.</summary>
    public string? ProfilePath { get; private set; }

    /// <summary>Reads the settings; a bad value is kept and fails every case that would be profiled, naming the variable.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask InitializeAsync()
    {
        string? Value(string name) => ReadVariable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        try
        {
            Settings = (PerfSettings.ParseServerProfile(Value(PerfSettings.ServerProfileVariable)), PySpyProfilerConfig.FromEnvironment(Value));
        }
        catch (ArgumentException e)
        {
            _settingsProblem = new PerfSettingsException(e.Message.Split(" (Parameter", 2)[0], e);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the run's merged flamegraph (its path goes to the diagnostic messages).</summary>
    /// <returns>A task completing when written.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_profiler is not null && _runDirectory is not null)
        {
            ProfilePath = await _profiler.WriteRunProfileAsync(_runDirectory, line => TestContext.Current.SendDiagnosticMessage($"load tests: {line}")).ConfigureAwait(false);
        }

        _choosing.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The in-process sampler's control for <paramref name="target"/>: by default <c>PERF_SAMPLER_DIR</c> (the control
    /// folder on this machine: the server's own, or a container's bind mount), else <c>PERF_SAMPLER_URL</c> with
    /// <c>PERF_SAMPLER_TOKEN</c> (a remote server's endpoint); <c>null</c> when neither is set. Overridden by a suite
    /// that knows better (e.g. a container target whose folder it mounted).
    /// </summary>
    /// <param name="target">The started target.</param>
    /// <returns>The control, or <c>null</c>.</returns>
    protected virtual ISamplerControl? CreateSampler(ITarget target)
    {
        string? Value(string name) => ReadVariable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        if (Value(SamplerFolder.FolderVariable) is { } folder)
        {
            return new SamplerFolder(folder);
        }

        if (Value(SamplerEndpoint.UrlVariable) is { } url)
        {
            var token = Value(SamplerEndpoint.TokenVariable)
                ?? throw new PerfSettingsException($"{SamplerEndpoint.UrlVariable} is set, so {SamplerEndpoint.TokenVariable} must hold the sampler's bearer token.");
            return Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? new SamplerEndpoint(uri, token)
                : throw new PerfSettingsException($"{SamplerEndpoint.UrlVariable}='{url}' is not an absolute URL.");
        }

        return null;
    }

    /// <summary>
    /// The profiler for <paramref name="target"/>, chosen (py-spy or the in-process sampler, see
    /// <see cref="ServerProfiler.ChooseAsync"/>) on the first case; <c>null</c> when the mode is off, or <c>auto</c> found
    /// neither py-spy nor a sampler.
    /// </summary>
    /// <param name="target">The started target of the load fixture.</param>
    /// <param name="runDirectory">The run's report folder, where the merged profile goes.</param>
    /// <param name="log">Receives what is recorded, or why nothing is.</param>
    /// <returns>The profiler, or <c>null</c>.</returns>
    internal async Task<ServerProfiler?> ForAsync(ITarget target, string runDirectory, Action<string> log)
    {
        var (mode, pySpy) = Settings ?? throw _settingsProblem ?? new InvalidOperationException($"{nameof(ServerProfilingFixture)} has not been initialized.");
        if (mode == ServerProfileMode.Off)
        {
            return null;
        }

        await _choosing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_profiler is not null && ReferenceEquals(_profiledTarget, target))
            {
                return _profiler;
            }

            if (_noPySpy)
            {
                return null;
            }

            var sampler = CreateSampler(target);

            // auto with no PERF_PYSPY and no sampler: py-spy only where it is installed. A named executable that is missing is reported, as with py-spy.
            if (mode == ServerProfileMode.Auto && sampler is null && pySpy.Executable == new PySpyProfilerConfig().Executable
                && PySpyPreconditions.FindExecutable(pySpy.Executable, Environment.GetEnvironmentVariable("PATH")) is null)
            {
                // Said once per run, not per case.
                log($"profiling is off: {PerfSettings.ServerProfileVariable}=auto, no py-spy found ('{pySpy.Executable}'; set {PySpyProfilerConfig.ExecutableVariable} or {PerfSettings.ServerProfileVariable}=py-spy) and no in-process sampler configured ({SamplerFolder.FolderVariable} or {SamplerEndpoint.UrlVariable})");
                _noPySpy = true;
                return null;
            }

            var yourCode = ReadVariable(CodeClassifier.YourCodeVariable);
            _profiler = await ServerProfiler.ChooseAsync(mode, pySpy, sampler, target, log, CancellationToken.None, CodeClassifier.Parse(yourCode)).ConfigureAwait(false);
            _profiledTarget = target;
            _runDirectory = runDirectory;
            return _profiler;
        }
        finally
        {
            _choosing.Release();
        }
    }
}
