using System.Diagnostics;
using System.Globalization;
using PerfSuite.Engine.Auth;

namespace PerfSuite.Hosting.Targets;

/// <summary>
/// The embedded reference queue API running as a gunicorn process group on a loopback port.
/// <see cref="StartAsync"/> returns once the wait strategy reports ready; <see cref="DisposeAsync"/> stops the
/// master with SIGTERM, kills the whole group after the grace period, and leaves no worker behind.
/// </summary>
public sealed class QueueApiTarget : ITarget
{
    private const int MaxPortAttempts = 3;
    private readonly QueueApiSettings settings;
    private readonly LogTail log = new(60);
    private readonly CancellationTokenSource failed = new();
    private Process? process;
    private volatile bool stopping;
    private string? failureReason;
    private string? temporaryDirectory;
    private Uri? baseUri;

    internal QueueApiTarget(QueueApiSettings settings) => this.settings = settings;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/> has completed.</exception>
    public Uri BaseUri => baseUri ?? throw new InvalidOperationException("The queue API has not been started.");

    /// <summary>PID of the gunicorn master (the process-group leader); <c>null</c> before start.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>The default CSR login the server accepts (see targets/queue-api/README.md).</summary>
    public QueueApiCredentials Credentials { get; } = QueueApiCredentials.Default;

    /// <summary>An OIDC password grant against the server's own token route with <see cref="Credentials"/>.</summary>
    /// <returns>The provider (dispose it).</returns>
    public ITokenProvider CreateDefaultTokenProvider() => Credentials.CreateTokenProvider(BaseUri);

    /// <inheritdoc />
    public CancellationToken Failed => failed.Token;

    /// <inheritdoc />
    public string? FailureReason => failureReason;

    /// <summary>The last lines gunicorn wrote (stdout and stderr), for diagnostics.</summary>
    public string LogTail => log.Text();

    /// <summary>
    /// Checks the Python prerequisites, starts gunicorn and waits until ready, at most the startup timeout.
    /// </summary>
    /// <exception cref="TargetStartException">A module is missing (with the install command), the process exited, or readiness timed out (with the log tail).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (process is not null)
        {
            throw new InvalidOperationException("The queue API is already started.");
        }

        await PythonPrerequisites.EnsureAsync(settings.Python, TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        var databasePath = settings.DatabasePath ?? NewTemporaryDatabasePath();
        for (var attempt = 1; ; attempt++)
        {
            var port = settings.Port ?? FreePort.Next();
            try
            {
                await LaunchAsync(port, databasePath, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TargetStartException) when (settings.Port is null && attempt < MaxPortAttempts && log.Text().Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                // Another process took the free port between the probe and gunicorn's bind: try another one.
                await StopProcessAsync().ConfigureAwait(false);
            }
            catch
            {
                await DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Stops the process group (SIGTERM, then SIGKILL after the grace period) and removes the temporary database.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync().ConfigureAwait(false);
        if (temporaryDirectory is not null)
        {
            try
            {
                Directory.Delete(temporaryDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary folder is harmless and must not hide a test's real result.
            }

            temporaryDirectory = null;
        }
    }

    private async Task LaunchAsync(int port, string databasePath, CancellationToken cancellationToken)
    {
        // setsid makes gunicorn the leader of a new process group, so its workers can be found and killed with it.
        var start = ProcessGroup.LeaderStartInfo(settings.Python, ["-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]);
        start.WorkingDirectory = settings.AppDirectory;
        start.Environment["QUEUE_API_HOST"] = "127.0.0.1";
        start.Environment["QUEUE_API_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["QUEUE_API_WORKERS"] = settings.Workers.ToString(CultureInfo.InvariantCulture);
        start.Environment["QUEUE_API_DB"] = databasePath;
        start.Environment["PYTHONUNBUFFERED"] = "1";

        // An access-log line per request costs the server CPU on the same machine as the load: off unless asked for.
        start.Environment["QUEUE_API_ACCESS_LOG"] = "0";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        // The server's own watchdog (gunicorn.conf.py) stops it when this process is gone, even after SIGKILL, when no
        // handler of ours runs; the folder it may remove then is only one this launcher created.
        start.Environment["QUEUE_API_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        start.Environment["QUEUE_API_OWNED_DIR"] = temporaryDirectory ?? string.Empty;
        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }

        var started = Process.Start(start) ?? throw new TargetStartException("Could not start gunicorn.");
        process = started;
        ProcessGroup.Track(started);
        started.OutputDataReceived += (_, e) => log.Add(e.Data);
        started.ErrorDataReceived += (_, e) => log.Add(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();

        var candidate = new Uri($"http://127.0.0.1:{port}");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (started.HasExited)
            {
                throw new TargetStartException(
                    $"gunicorn exited with code {started.ExitCode} before it was ready ({settings.WaitStrategy.Description}). Last lines of its log:{Environment.NewLine}{log.Text()}");
            }

            if (await settings.WaitStrategy.IsReadyAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                baseUri = candidate;
                Watch(started);
                return;
            }

            if (deadline.Elapsed > settings.StartupTimeout)
            {
                throw new TargetStartException(
                    $"The queue API was not ready within {settings.StartupTimeout.TotalSeconds:0} s (waiting until {settings.WaitStrategy.Description} at {candidate}). Last lines of gunicorn's log:{Environment.NewLine}{log.Text()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    // A master that dies while nobody stops it is a failed server, even when its orphaned workers keep answering.
    private void Watch(Process started)
    {
        started.EnableRaisingEvents = true;
        started.Exited += (_, _) => Fail(started);
        if (started.HasExited)
        {
            Fail(started);
        }
    }

    private void Fail(Process master)
    {
        lock (failed)
        {
            if (stopping || failed.IsCancellationRequested)
            {
                return;
            }

            failureReason = $"gunicorn master (pid {master.Id}) {ExitDescription.Of(master.ExitCode)} while the target was in use. Last lines of its log:{Environment.NewLine}{log.Text()}";
        }

        failed.Cancel();
    }

    private async Task StopProcessAsync()
    {
        stopping = true;
        var running = process;
        process = null;
        baseUri = null;
        if (running is null)
        {
            return;
        }

        var groupId = running.Id;
        if (!running.HasExited)
        {
            ProcessGroup.Signal(groupId, ProcessGroup.SigTerm);
            using var grace = new CancellationTokenSource(settings.StopGracePeriod);
            try
            {
                await running.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The master ignored SIGTERM for the whole grace period: the group is killed below.
            }
        }

        // Workers outlive a master that was killed or crashed: kill whatever is left of the group and wait for it.
        await ProcessGroup.KillAsync(running).ConfigureAwait(false);
        stopping = false;
    }

    private string NewTemporaryDatabasePath()
    {
        temporaryDirectory = Directory.CreateTempSubdirectory("perfsuite-queue-api-").FullName;
        return Path.Combine(temporaryDirectory, "queue-api.db");
    }
}
