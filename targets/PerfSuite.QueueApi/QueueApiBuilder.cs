using PerfSuite.Hosting.Targets;

namespace PerfSuite.QueueApi;

/// <summary>
/// Builds a launcher for the embedded reference queue API (Flask + Flask-SocketIO under gunicorn with eventlet workers).
/// Immutable: each <c>With*</c> returns a new builder. <see cref="Build"/> validates.
/// </summary>
/// <example><code>
/// await using var api = new QueueApiBuilder().WithWorkers(1).Build();
/// await api.StartAsync(ct);
/// // api.BaseUri, api.ProcessId (gunicorn master)
/// </code></example>
public sealed record QueueApiBuilder
{
    /// <summary>Where the reference API's sources are copied next to the test assembly.</summary>
    public static string DefaultAppDirectory => Path.Combine(AppContext.BaseDirectory, "targets", "queue-api");

    internal string Python { get; private init; } = "/usr/bin/python3";

    internal string AppDirectory { get; private init; } = DefaultAppDirectory;

    internal int? Port { get; private init; }

    internal int Workers { get; private init; } = 1;

    internal string? DatabasePath { get; private init; }

    internal TimeSpan StartupTimeout { get; private init; } = TimeSpan.FromSeconds(30);

    internal TimeSpan StopGracePeriod { get; private init; } = TimeSpan.FromSeconds(10);

    internal IWaitStrategy? WaitStrategy { get; private init; }

    internal IReadOnlyDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    /// <summary>The Python interpreter (default <c>/usr/bin/python3</c>, Debian's, which has the packages).</summary>
    public QueueApiBuilder WithPython(string path) => this with { Python = path };

    /// <summary>The folder holding <c>wsgi.py</c> and <c>gunicorn.conf.py</c>.</summary>
    public QueueApiBuilder WithAppDirectory(string path) => this with { AppDirectory = path };

    /// <summary>The loopback port (1..65535); default: a free port picked at start.</summary>
    public QueueApiBuilder WithPort(int port) => this with { Port = port };

    /// <summary>Gunicorn worker processes (1..64); default 1.</summary>
    public QueueApiBuilder WithWorkers(int workers) => this with { Workers = workers };

    /// <summary>The SQLite database file; default: a new file in a temporary folder removed on dispose.</summary>
    public QueueApiBuilder WithDatabasePath(string path) => this with { DatabasePath = path };

    /// <summary>How long readiness may take (default 30 s).</summary>
    public QueueApiBuilder WithStartupTimeout(TimeSpan timeout) => this with { StartupTimeout = timeout };

    /// <summary>How long the master has after SIGTERM before the group is killed (default 10 s).</summary>
    public QueueApiBuilder WithStopGracePeriod(TimeSpan grace) => this with { StopGracePeriod = grace };

    /// <summary>Readiness check; default: <c>GET /api/v1/healthz</c> answers 200.</summary>
    public QueueApiBuilder WithWaitStrategy(IWaitStrategy strategy) => this with { WaitStrategy = strategy };

    /// <summary>
    /// Makes the server append one line per request to <paramref name="path"/>: <c>trace_id method path</c>, the trace id of
    /// the request's W3C <c>traceparent</c> (<c>-</c> when it has none); sets <c>QUEUE_API_TRACE_LOG</c>.
    /// </summary>
    public QueueApiBuilder WithTraceLog(string path) => WithEnvironment("QUEUE_API_TRACE_LOG", path);

    /// <summary>Adds an environment variable for the server (e.g. <c>QUEUE_API_USERS</c>).</summary>
    public QueueApiBuilder WithEnvironment(string name, string value) =>
        this with { Environment = new Dictionary<string, string>(Environment) { [name] = value } };

    /// <summary>Validates the settings and returns a launcher that has not started yet.</summary>
    /// <exception cref="ArgumentException">Every invalid setting, named with its value.</exception>
    public QueueApiTarget Build()
    {
        var problems = new List<string>();
        if (Port is < 1 or > 65535)
        {
            problems.Add($"port must be 1..65535 (was {Port})");
        }

        if (Workers is < 1 or > 64)
        {
            problems.Add($"workers must be 1..64 (was {Workers})");
        }

        if (StartupTimeout <= TimeSpan.Zero)
        {
            problems.Add($"startup timeout must be positive (was {StartupTimeout})");
        }

        if (StopGracePeriod < TimeSpan.Zero)
        {
            problems.Add($"stop grace period must not be negative (was {StopGracePeriod})");
        }

        if (!File.Exists(Path.Combine(AppDirectory, "wsgi.py")))
        {
            problems.Add($"app directory must contain wsgi.py (was '{AppDirectory}')");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid queue API settings: " + string.Join("; ", problems));
        }

        return new QueueApiTarget(this);
    }
}
