using System.Globalization;
using PerfSuite.Engine.Auth;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.QueueApi;

/// <summary>
/// The embedded reference queue API: gunicorn as a <see cref="ProcessTarget"/> on a loopback port, with a fresh SQLite
/// database in a temporary folder. <see cref="StartAsync"/> checks the Python prerequisites first;
/// <see cref="DisposeAsync"/> stops the whole process group and removes the folder.
/// </summary>
public sealed class QueueApiTarget : ITarget
{
    private readonly QueueApiBuilder _settings;
    private ProcessTarget? _process;
    private string? _temporaryDirectory;

    internal QueueApiTarget(QueueApiBuilder settings) => _settings = settings;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/> has completed.</exception>
    public Uri BaseUri => _process?.BaseUri ?? throw new InvalidOperationException("The queue API has not been started.");

    /// <summary>PID of the gunicorn master (the process-group leader); <c>null</c> before start.</summary>
    public int? ProcessId => _process?.ProcessId;

    /// <summary>The default CSR login the server accepts (see targets/queue-api/README.md).</summary>
    public QueueApiCredentials Credentials { get; } = QueueApiCredentials.Default;

    /// <inheritdoc />
    public CancellationToken Failed => _process?.Failed ?? CancellationToken.None;

    /// <inheritdoc />
    public string? FailureReason => _process?.FailureReason;

    /// <summary>The last lines gunicorn wrote (stdout and stderr), for diagnostics.</summary>
    public string LogTail => _process?.LogTail ?? string.Empty;

    /// <summary>An OIDC password grant against the server's own token route with <see cref="Credentials"/>.</summary>
    /// <returns>The provider (dispose it).</returns>
    public ITokenProvider CreateDefaultTokenProvider() => Credentials.CreateTokenProvider(BaseUri);

    /// <summary>Checks the Python prerequisites, starts gunicorn and waits until ready, at most the startup timeout.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task completing when the server answers.</returns>
    /// <exception cref="TargetStartException">A module is missing (with the install command), the process exited, or readiness timed out (with the log tail).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The queue API is already started.");
        }

        var databasePath = _settings.DatabasePath ?? NewTemporaryDatabasePath();
        var builder = new ProcessTargetBuilder(_settings.Python)
            .WithName("gunicorn")
            .WithArguments("-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app")
            .WithWorkingDirectory(_settings.AppDirectory)
            .WithPortVariable("QUEUE_API_PORT")
            .WithEnvironment("QUEUE_API_HOST", "127.0.0.1")
            .WithEnvironment("QUEUE_API_WORKERS", _settings.Workers.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("QUEUE_API_DB", databasePath)
            .WithEnvironment("PYTHONUNBUFFERED", "1")

            // An access-log line per request costs the server CPU on the same machine as the load: off unless asked for.
            .WithEnvironment("QUEUE_API_ACCESS_LOG", "0")
            .WithEnvironment("PYTHONDONTWRITEBYTECODE", "1")

            // The server's own watchdog (gunicorn.conf.py) stops it when this process is gone, even after SIGKILL, when no
            // handler of ours runs; the folder it may remove then is only one this launcher created.
            .WithEnvironment("QUEUE_API_PARENT_PID", Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("QUEUE_API_OWNED_DIR", _temporaryDirectory ?? string.Empty)
            .WithReadiness(_settings.WaitStrategy ?? new HttpWaitStrategy("/api/v1/healthz"))
            .WithStartupTimeout(_settings.StartupTimeout)
            .WithStopGracePeriod(_settings.StopGracePeriod)
            .WithBeforeStart(ct => PythonPrerequisites.EnsureAsync(_settings.Python, TimeSpan.FromSeconds(20), ct));
        if (_settings.Port is { } port)
        {
            builder = builder.WithPort(port);
        }

        foreach (var (name, value) in _settings.Environment)
        {
            builder = builder.WithEnvironment(name, value);
        }

        _process = builder.Build();
        try
        {
            await _process.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the process group (SIGTERM, then SIGKILL after the grace period) and removes the temporary database.</summary>
    /// <returns>A task completing when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        if (_temporaryDirectory is not null)
        {
            try
            {
                Directory.Delete(_temporaryDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary folder is harmless and must not hide a test's real result.
            }

            _temporaryDirectory = null;
        }
    }

    private string NewTemporaryDatabasePath()
    {
        _temporaryDirectory = Directory.CreateTempSubdirectory("perfsuite-queue-api-").FullName;
        return Path.Combine(_temporaryDirectory, "queue-api.db");
    }
}
