using System.Diagnostics;
using System.Globalization;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// One <c>py-spy record</c> attached to a process for the length of a run: <see cref="StartAsync"/> launches it,
/// <see cref="StopAsync"/> sends SIGINT once (as a user's Ctrl+C: py-spy then writes the profile; a second one would
/// cancel it) and returns the profile's path. Nothing outlives the session: a py-spy that does not exit in time, or a
/// session disposed without a stop, is killed.
/// </summary>
public sealed class PySpySession : IAsyncDisposable
{
    private const int SigInt = 2;
    private readonly PySpyProfilerConfig _config;
    private readonly LogTail _log = new(30);
    private Process? _process;
    private string? _outputPath;

    /// <summary>Creates a session that has not started.</summary>
    /// <param name="config">The configuration.</param>
    /// <exception cref="ArgumentException">The configuration is invalid; lists every problem.</exception>
    public PySpySession(PySpyProfilerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = config.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid py-spy configuration: {string.Join("; ", problems)}.", nameof(config));
        }

        _config = config;
    }

    /// <summary>The py-spy process id while it runs; <c>null</c> before start and after stop.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>The profile file (full path) once started.</summary>
    public string? OutputPath => _outputPath;

    /// <summary>
    /// Starts <c>py-spy record</c> on <paramref name="pid"/> (arguments from <see cref="PySpyProfilerConfig.Arguments"/>),
    /// creating the output folder, then waits <see cref="PySpyProfilerConfig.StartupCheck"/> to see that it stays attached.
    /// </summary>
    /// <param name="pid">The process to profile, e.g. the gunicorn master.</param>
    /// <param name="cancellationToken">Cancels the wait; py-spy is killed then.</param>
    /// <returns>A task completing once py-spy has stayed up for the startup check.</returns>
    /// <exception cref="ProfilerException">py-spy could not be launched or exited during the check; the message holds its exit code and last lines.</exception>
    public async Task StartAsync(int pid, CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("py-spy is already running for this session.");
        }

        var output = Path.GetFullPath(_config.OutputPath ?? _config.DefaultFileName(pid));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        // setsid puts py-spy in its own process group: a Ctrl+C in the terminal does not reach it (only our one SIGINT
        // does), and the safety net can kill it and anything it started if the test host dies.
        var start = ProcessGroup.LeaderStartInfo(_config.Executable, _config.Arguments(pid, output));
        var started = PySpyProcess.Start(start, _config.Executable);

        _process = started;
        _outputPath = output;
        ProcessGroup.Track(started);
        started.OutputDataReceived += (_, e) => _log.Add(e.Data);
        started.ErrorDataReceived += (_, e) => _log.Add(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();

        try
        {
            using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            check.CancelAfter(_config.StartupCheck);
            try
            {
                await started.WaitForExitAsync(check.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still running after the check: attached.
                return;
            }

            var exitCode = started.ExitCode;
            await KillAsync().ConfigureAwait(false);
            throw new ProfilerException(
                string.Create(CultureInfo.InvariantCulture, $"py-spy exited with code {exitCode} instead of profiling pid {pid}.") + Tail());
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends SIGINT exactly once, waits up to <see cref="PySpyProfilerConfig.StopTimeout"/> for py-spy to write the
    /// profile and exit, and returns the profile's path. On timeout py-spy is killed.
    /// </summary>
    /// <returns>The profile file (full path), which exists.</returns>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    /// <exception cref="ProfilerException">py-spy did not exit in time (it was killed), exited with an error, or wrote no file; the message says which, with its last lines.</exception>
    public async Task<string> StopAsync()
    {
        var running = _process ?? throw new InvalidOperationException("py-spy is not running: StartAsync first.");
        var output = _outputPath!;
        if (!running.HasExited)
        {
            ProcessGroup.Signal(running.Id, SigInt);
            using var bound = new CancellationTokenSource(_config.StopTimeout);
            try
            {
                await running.WaitForExitAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await KillAsync().ConfigureAwait(false);
                throw new ProfilerException(
                    string.Create(CultureInfo.InvariantCulture, $"py-spy did not exit within {_config.StopTimeout.TotalSeconds:0.#} s after SIGINT, so it was killed; no profile was written to {output}.")
                    + Tail());
            }
        }

        // Wait (bounded: a grandchild could hold the pipes open) for the end of the redirected output, so the tail below is complete.
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await running.WaitForExitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // py-spy itself has exited; only its last lines may be missing from an error message.
            }
        }

        var exitCode = running.ExitCode;
        await KillAsync().ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new ProfilerException(string.Create(CultureInfo.InvariantCulture, $"py-spy exited with code {exitCode} after SIGINT; the profile {output} may be missing.") + Tail());
        }

        if (!File.Exists(output))
        {
            throw new ProfilerException($"py-spy exited without writing {output}." + Tail());
        }

        return output;
    }

    /// <summary>Kills py-spy (and anything it started) when it is still running, without writing a profile.</summary>
    /// <returns>A task completing when nothing of the session runs.</returns>
    public async ValueTask DisposeAsync() => await KillAsync().ConfigureAwait(false);

    private async Task KillAsync()
    {
        var running = _process;
        _process = null;
        if (running is null)
        {
            return;
        }

        await ProcessGroup.KillAsync(running).ConfigureAwait(false);
    }

    private string Tail()
    {
        var text = _log.Text();
        return string.IsNullOrWhiteSpace(text) ? " py-spy printed nothing." : $" Last lines of py-spy's output:{Environment.NewLine}{text}";
    }
}
