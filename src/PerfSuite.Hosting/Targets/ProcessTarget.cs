using System.Diagnostics;
using System.Globalization;
using PerfSuite.Engine.Auth;

namespace PerfSuite.Hosting.Targets;

/// <summary>
/// A server under test started by the suite as the leader of a new process group on a loopback port (see
/// <see cref="ProcessTargetBuilder"/>). <see cref="StartAsync"/> returns once the readiness check passes;
/// <see cref="DisposeAsync"/> sends SIGTERM to the leader, kills the whole group after the grace period, and leaves no
/// worker behind. A leader that dies while in use fires <see cref="Failed"/>.
/// </summary>
public sealed class ProcessTarget : ITarget
{
    private const int MaxPortAttempts = 3;
    private readonly ProcessTargetBuilder _settings;
    private readonly IWaitStrategy _readiness;
    private readonly LogTail _log = new(60);
    private readonly CancellationTokenSource _failed = new();
    private Process? _process;
    private volatile bool _stopping;
    private string? _failureReason;
    private Uri? _baseUri;

    internal ProcessTarget(ProcessTargetBuilder settings)
    {
        _settings = settings;
        _readiness = settings.Readiness ?? HttpWaitStrategy.AnySuccess("/");
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/> has completed.</exception>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException($"{Name} has not been started.");

    /// <summary>PID of the process-group leader; <c>null</c> before start.</summary>
    public int? ProcessId => _process?.Id;

    /// <inheritdoc />
    public CancellationToken Failed => _failed.Token;

    /// <inheritdoc />
    public string? FailureReason => _failureReason;

    /// <summary>The last lines the process wrote (stdout and stderr), for diagnostics.</summary>
    public string LogTail => _log.Text();

    private string Name => _settings.Name ?? Path.GetFileName(_settings.Executable);

    /// <inheritdoc />
    public ITokenProvider? CreateDefaultTokenProvider() => _settings.DefaultLogin?.Invoke(BaseUri);

    /// <summary>Runs the before-start check, starts the process and waits until ready, at most the startup timeout.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task completing when the server is ready.</returns>
    /// <exception cref="TargetStartException">The check refused, the process exited, or readiness timed out (with the log tail).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{Name} is already started.");
        }

        if (_settings.BeforeStart is { } check)
        {
            await check(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = _settings.Port ?? FreePort.Next();
            try
            {
                await LaunchAsync(port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TargetStartException) when (_settings.Port is null && attempt < MaxPortAttempts && _log.Text().Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                // Another process took the free port between the probe and the server's bind: try another one.
                await StopProcessAsync().ConfigureAwait(false);
            }
            catch
            {
                await DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Stops the process group (SIGTERM, then SIGKILL after the grace period).</summary>
    /// <returns>A task completing when every process of the group is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync().ConfigureAwait(false);
        (_readiness as IDisposable)?.Dispose();
    }

    private async Task LaunchAsync(int port, CancellationToken cancellationToken)
    {
        // setsid makes the server the leader of a new process group, so its workers can be found and killed with it.
        var start = ProcessGroup.LeaderStartInfo(_settings.Executable, _settings.Arguments);
        if (_settings.WorkingDirectory is { } directory)
        {
            start.WorkingDirectory = directory;
        }

        // The port first, so a variable the suite gives explicitly wins (as for any other variable).
        start.Environment[_settings.PortVariable] = port.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in _settings.Environment)
        {
            start.Environment[name] = value;
        }
        var started = Process.Start(start) ?? throw new TargetStartException($"Could not start {Name} ({_settings.Executable}).");
        _process = started;
        ProcessGroup.Track(started);
        started.OutputDataReceived += (_, e) => _log.Add(e.Data);
        started.ErrorDataReceived += (_, e) => _log.Add(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();

        var candidate = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (started.HasExited)
            {
                throw new TargetStartException(
                    $"{Name} exited with code {started.ExitCode} before it was ready ({_readiness.Description}). Last lines of its log:{System.Environment.NewLine}{_log.Text()}");
            }

            if (await _readiness.IsReadyAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                _baseUri = candidate;
                Watch(started);
                return;
            }

            if (deadline.Elapsed > _settings.StartupTimeout)
            {
                throw new TargetStartException(
                    $"{Name} was not ready within {_settings.StartupTimeout.TotalSeconds:0} s (waiting until {_readiness.Description} at {candidate}). Last lines of its log:{System.Environment.NewLine}{_log.Text()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    // A leader that dies while nobody stops it is a failed server, even when its orphaned workers keep answering.
    private void Watch(Process started)
    {
        started.EnableRaisingEvents = true;
        started.Exited += (_, _) => Fail(started);
        if (started.HasExited)
        {
            Fail(started);
        }
    }

    private void Fail(Process leader)
    {
        lock (_failed)
        {
            if (_stopping || _failed.IsCancellationRequested)
            {
                return;
            }

            _failureReason = $"{Name} (pid {leader.Id}) {ExitDescription.Of(leader.ExitCode)} while the target was in use. Last lines of its log:{System.Environment.NewLine}{_log.Text()}";
        }

        _failed.Cancel();
    }

    private async Task StopProcessAsync()
    {
        _stopping = true;
        var running = _process;
        _process = null;
        _baseUri = null;
        if (running is null)
        {
            return;
        }

        if (!running.HasExited)
        {
            ProcessGroup.Signal(running.Id, ProcessGroup.SigTerm);
            using var grace = new CancellationTokenSource(_settings.StopGracePeriod);
            try
            {
                await running.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The leader ignored SIGTERM for the whole grace period: the group is killed below.
            }
        }

        // Workers outlive a leader that was killed or crashed: kill whatever is left of the group and wait for it.
        await ProcessGroup.KillAsync(running).ConfigureAwait(false);
        _stopping = false;
    }
}
