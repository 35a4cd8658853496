using PerfSuite.Engine.Auth;

namespace PerfSuite.Hosting.Targets;

/// <summary>
/// Builds a server under test that a suite starts itself as a local process: the leader of a new process group on a
/// loopback port, so that it and every worker it forks are stopped together. Immutable: each <c>With*</c> returns a new
/// builder; <see cref="Validate"/> lists every problem and <see cref="Build"/> throws on any.
/// </summary>
/// <example><code>
/// await using var api = new ProcessTargetBuilder("/usr/bin/python3")
///     .WithArguments("-m", "gunicorn", "-b", "127.0.0.1:$PORT", "app:app")
///     .WithWorkingDirectory("server")
///     .WithReadiness(HttpWaitStrategy.AnySuccess("/healthz"))
///     .Build();
/// await api.StartAsync(ct);
/// // api.BaseUri -> http://127.0.0.1:41234, api.ProcessId -> the group leader's PID
/// </code></example>
public sealed record ProcessTargetBuilder
{
    /// <summary>Starts a builder for <paramref name="executable"/>, an absolute path or a name looked up on <c>PATH</c>.</summary>
    /// <param name="executable">The program to start.</param>
    public ProcessTargetBuilder(string executable) => Executable = executable;

    /// <summary>The program started.</summary>
    public string Executable { get; private init; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; private init; } = [];

    /// <summary>Its working directory; <c>null</c> for the current one.</summary>
    public string? WorkingDirectory { get; private init; }

    /// <summary>Variables added to the process's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    /// <summary>The variable that hands the server its loopback port (default <c>PORT</c>).</summary>
    public string PortVariable { get; private init; } = "PORT";

    /// <summary>A fixed loopback port (1..65535); <c>null</c> (default) for a free port picked at each start.</summary>
    public int? Port { get; private init; }

    /// <summary>When the server is ready; default: a GET of <c>/</c> answers 2xx.</summary>
    public IWaitStrategy? Readiness { get; private init; }

    /// <summary>How long readiness may take (default 30 s).</summary>
    public TimeSpan StartupTimeout { get; private init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the leader has after SIGTERM before the whole group is killed (default 10 s).</summary>
    public TimeSpan StopGracePeriod { get; private init; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs before each start, e.g. a check of the interpreter's modules; throws <see cref="TargetStartException"/> to refuse.</summary>
    public Func<CancellationToken, Task>? BeforeStart { get; private init; }

    /// <summary>The server's name in messages (default: the executable's file name).</summary>
    public string? Name { get; private init; }

    /// <summary>Credentials the server accepts out of the box (base URL → provider); <c>null</c> when it knows none.</summary>
    public Func<Uri, ITokenProvider>? DefaultLogin { get; private init; }

    /// <summary>The program's arguments (replaces any given before).</summary>
    public ProcessTargetBuilder WithArguments(params string[] arguments) => this with { Arguments = [.. arguments] };

    /// <summary>The working directory.</summary>
    public ProcessTargetBuilder WithWorkingDirectory(string directory) => this with { WorkingDirectory = directory };

    /// <summary>Adds (or replaces) one environment variable of the process.</summary>
    public ProcessTargetBuilder WithEnvironment(string name, string value) =>
        this with { Environment = new Dictionary<string, string>(Environment) { [name] = value } };

    /// <summary>The variable that hands the server its port (the server must listen on 127.0.0.1 at that port).</summary>
    public ProcessTargetBuilder WithPortVariable(string name) => this with { PortVariable = name };

    /// <summary>A fixed port instead of a free one.</summary>
    public ProcessTargetBuilder WithPort(int port) => this with { Port = port };

    /// <summary>When the server is ready.</summary>
    public ProcessTargetBuilder WithReadiness(IWaitStrategy readiness) => this with { Readiness = readiness };

    /// <summary>How long readiness may take.</summary>
    public ProcessTargetBuilder WithStartupTimeout(TimeSpan timeout) => this with { StartupTimeout = timeout };

    /// <summary>How long the leader has after SIGTERM before the group is killed.</summary>
    public ProcessTargetBuilder WithStopGracePeriod(TimeSpan grace) => this with { StopGracePeriod = grace };

    /// <summary>A check run before each start (e.g. that the interpreter has the server's modules).</summary>
    public ProcessTargetBuilder WithBeforeStart(Func<CancellationToken, Task> check) => this with { BeforeStart = check };

    /// <summary>The server's name in messages, e.g. <c>gunicorn</c>.</summary>
    public ProcessTargetBuilder WithName(string name) => this with { Name = name };

    /// <summary>The credentials the server accepts out of the box, used when the settings name none.</summary>
    public ProcessTargetBuilder WithDefaultLogin(Func<Uri, ITokenProvider> login) => this with { DefaultLogin = login };

    /// <summary>Every problem with the configuration, one sentence each; empty when it is valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Executable))
        {
            problems.Add($"executable must be named (was '{Executable}')");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"port must be 1..65535 (was {Port})");
        }

        if (string.IsNullOrWhiteSpace(PortVariable))
        {
            problems.Add("the port variable must be named");
        }

        if (StartupTimeout <= TimeSpan.Zero)
        {
            problems.Add($"startup timeout must be positive (was {StartupTimeout})");
        }

        if (StopGracePeriod < TimeSpan.Zero)
        {
            problems.Add($"stop grace period must not be negative (was {StopGracePeriod})");
        }

        if (WorkingDirectory is { } directory && !Directory.Exists(directory))
        {
            problems.Add($"working directory must exist (was '{directory}')");
        }

        return problems;
    }

    /// <summary>Validates the configuration and returns a target that has not started yet.</summary>
    /// <returns>The target; start it with <see cref="ProcessTarget.StartAsync"/>, dispose it to stop its process group.</returns>
    /// <exception cref="ArgumentException">Every invalid setting, named with its value.</exception>
    public ProcessTarget Build()
    {
        var problems = Validate();
        return problems.Count > 0
            ? throw new ArgumentException("Invalid process target settings: " + string.Join("; ", problems))
            : new ProcessTarget(this);
    }
}
