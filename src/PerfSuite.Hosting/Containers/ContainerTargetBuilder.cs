using PerfSuite.Engine.Auth;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Containers;

/// <summary>
/// Builds a server under test that runs as a Docker container (started with Testcontainers, never pulled).
/// Immutable: each <c>With*</c> returns a new builder; <see cref="Validate"/> lists every problem and <see cref="Build"/> throws on any.
/// </summary>
/// <example><code>
/// await using var api = new ContainerTargetBuilder("myapi:local").WithPort(8080).WithHostNetwork().Build();
/// await api.StartAsync(ct);
/// // api.BaseUri -> http://127.0.0.1:41234, api.ProcessId -> the server's host PID
/// </code></example>
public sealed record ContainerTargetBuilder
{
    /// <summary>Starts a builder for <paramref name="image"/>, e.g. <c>myapi:local</c>; it must exist on the engine.</summary>
    /// <param name="image">The image reference.</param>
    public ContainerTargetBuilder(string image) => Image = image;

    /// <summary>The image reference.</summary>
    public string Image { get; private init; }

    /// <summary>The port the server listens on inside the container (1..65535); default 8080.</summary>
    public int Port { get; private init; } = 8080;

    /// <summary>True to run on the host network (no bridge needed); the server is then handed a free port in <see cref="PortVariable"/>.</summary>
    public bool HostNetwork { get; private init; }

    /// <summary>The environment variable that tells the server its port on the host network; default <c>PORT</c>.</summary>
    public string PortVariable { get; private init; } = "PORT";

    /// <summary>The readiness path: a GET must answer 2xx; default <c>/</c>.</summary>
    public string ReadyPath { get; private init; } = "/";

    /// <summary>How long the server may take to become ready after the container starts (default 60 s).</summary>
    public TimeSpan StartupTimeout { get; private init; } = TimeSpan.FromSeconds(60);

    /// <summary>The container's environment (added to the image's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    /// <summary>Linux capabilities added to the container, e.g. <c>SYS_PTRACE</c>; none by default.</summary>
    public IReadOnlyList<string> Capabilities { get; private init; } = [];

    /// <summary>Host folders mounted into the container (host path → container path), e.g. the in-process sampler's control folder; none by default.</summary>
    public IReadOnlyDictionary<string, string> BindMounts { get; private init; } = new Dictionary<string, string>();

    /// <summary>Whether every capability is dropped (<c>--cap-drop ALL</c>) and privileges cannot be gained (<c>--security-opt no-new-privileges</c>), as on a restricted platform (OpenShift's restricted SCC).</summary>
    public bool Unprivileged { get; private init; }

    /// <summary>Credentials the server accepts out of the box (base URL → provider); <c>null</c> when it knows none.</summary>
    public Func<Uri, ITokenProvider>? DefaultLogin { get; private init; }

    /// <summary>The image to start.</summary>
    public ContainerTargetBuilder WithImage(string image) => this with { Image = image };

    /// <summary>The port the server listens on in the container (1..65535).</summary>
    public ContainerTargetBuilder WithPort(int port) => this with { Port = port };

    /// <summary>Runs on the host network and passes a free loopback port to the server in <paramref name="portVariable"/>.</summary>
    public ContainerTargetBuilder WithHostNetwork(string portVariable = "PORT") => this with { HostNetwork = true, PortVariable = portVariable };

    /// <summary>The readiness path (starts with <c>/</c>) that must answer 2xx, and how long that may take.</summary>
    public ContainerTargetBuilder WithReadiness(string path, TimeSpan timeout) => this with { ReadyPath = path, StartupTimeout = timeout };

    /// <summary>Adds (or replaces) one environment variable of the container.</summary>
    public ContainerTargetBuilder WithEnvironment(string name, string value) =>
        this with { Environment = new Dictionary<string, string>(Environment) { [name] = value } };

    /// <summary>Adds a Linux capability to the container, e.g. <c>SYS_PTRACE</c>.</summary>
    public ContainerTargetBuilder WithCapability(string capability) => this with { Capabilities = [.. Capabilities, capability] };

    /// <summary>Mounts the host folder <paramref name="hostPath"/> at <paramref name="containerPath"/> (read-write), e.g. for the in-process sampler's control folder.</summary>
    public ContainerTargetBuilder WithBindMount(string hostPath, string containerPath) =>
        this with { BindMounts = new Dictionary<string, string>(BindMounts) { [Path.GetFullPath(hostPath)] = containerPath } };

    /// <summary>Drops every capability and forbids gaining privileges (<c>--cap-drop ALL --security-opt no-new-privileges</c>): no ptrace, as on OpenShift.</summary>
    public ContainerTargetBuilder WithoutPrivileges() => this with { Unprivileged = true };

    /// <summary>The login the server accepts out of the box, used when the settings name no credentials.</summary>
    public ContainerTargetBuilder WithDefaultLogin(Func<Uri, ITokenProvider> login) => this with { DefaultLogin = login };

    /// <summary>Every problem with the configuration, one sentence each; empty when it is valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Image) || Image.Any(char.IsWhiteSpace))
        {
            problems.Add($"image must be an image reference such as myapi:local (was '{Image}')");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"port must be 1..65535 (was {Port})");
        }

        if (!ReadyPath.StartsWith('/'))
        {
            problems.Add($"readiness path must start with '/' (was '{ReadyPath}')");
        }

        if (StartupTimeout <= TimeSpan.Zero)
        {
            problems.Add($"startup timeout must be positive (was {StartupTimeout})");
        }

        if (HostNetwork && string.IsNullOrWhiteSpace(PortVariable))
        {
            problems.Add("the port variable for the host network must be named");
        }

        problems.AddRange(Capabilities.Where(c => string.IsNullOrWhiteSpace(c) || !c.All(ch => char.IsAsciiLetterUpper(ch) || ch == '_'))
            .Select(c => $"capability must be a name such as SYS_PTRACE (was '{c}')"));
        return problems;
    }

    /// <summary>Validates the configuration and returns a target that has not started yet.</summary>
    /// <returns>The target; start it with <see cref="ContainerTarget.StartAsync"/>, dispose it to remove the container.</returns>
    /// <exception cref="ArgumentException">Every invalid setting, named with its value.</exception>
    public ContainerTarget Build()
    {
        var problems = Validate();
        return problems.Count > 0
            ? throw new ArgumentException("Invalid container target settings: " + string.Join("; ", problems))
            : new ContainerTarget(this);
    }
}
