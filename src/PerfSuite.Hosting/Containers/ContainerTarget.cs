using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using PerfSuite.Engine.Auth;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Containers;

/// <summary>
/// A server under test running as a Docker container, started with Testcontainers from a local image (never pulled).
/// <see cref="StartAsync"/> returns once a GET of the readiness path answers 2xx; <see cref="DisposeAsync"/> removes the
/// container whatever state it is in. Every failure is a <see cref="TargetStartException"/> or
/// <see cref="TargetStoppedException"/> carrying the container's last log lines.
/// </summary>
public sealed class ContainerTarget : ITarget
{
    private const int LogLines = 40;
    private readonly ContainerTargetBuilder _settings;
    private IContainer? _container;
    private Uri? _baseUri;

    internal ContainerTarget(ContainerTargetBuilder settings) => _settings = settings;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/> has completed.</exception>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("The container has not been started.");

    /// <summary>
    /// The host PID of the container's first process (<c>State.Pid</c>, e.g. the gunicorn master when the image runs it in exec
    /// form), which a profiler on the host can attach to; <c>null</c> before start.
    /// </summary>
    public int? ProcessId { get; private set; }

    /// <summary>The container's id; <c>null</c> before start.</summary>
    public string? ContainerId => _container?.Id;

    /// <summary>The image the container runs.</summary>
    public string Image => _settings.Image;

    /// <inheritdoc />
    public ITokenProvider? CreateDefaultTokenProvider() => _settings.DefaultLogin?.Invoke(BaseUri);

    /// <summary>
    /// Checks the engine and the image, starts the container (labelled for <see cref="ContainerReaper"/>) and waits until the
    /// readiness path answers 2xx, at most the startup timeout. On failure the container is removed before this throws.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task completing when the server is ready.</returns>
    /// <exception cref="TargetStartException">No engine, no such image, the container exited, or readiness timed out (with the log tail).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_container is not null)
        {
            throw new InvalidOperationException("The container is already started.");
        }

        var engine = await DockerEngine.ProbeAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        if (!engine.Available)
        {
            throw new TargetStartException($"Cannot start the container target {_settings.Image}: {engine.Description}.");
        }

        using (var client = DockerEngine.CreateClient())
        {
            await ContainerReaper.StartAsync(client, _ => { }, cancellationToken).ConfigureAwait(false);
            await EnsureImageAsync(client, cancellationToken).ConfigureAwait(false);
        }

        var port = _settings.HostNetwork ? FreePort.Next() : _settings.Port;
        _container = Create(port);
        try
        {
            await _container.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = new Uri($"http://127.0.0.1:{(_settings.HostNetwork ? port : _container.GetMappedPublicPort(_settings.Port)).ToString(CultureInfo.InvariantCulture)}");
            await WaitUntilReadyAsync(address, cancellationToken).ConfigureAwait(false);
            _baseUri = address;
            ProcessId = await ReadStateAsync(cancellationToken).ConfigureAwait(false) is { Running: true, Pid: > 0 } state ? (int)state.Pid : null;
        }
        catch (Exception e) when (e is not TargetStartException and not OperationCanceledException)
        {
            var logs = await LogTailAsync().ConfigureAwait(false);
            await DisposeAsync().ConfigureAwait(false);
            throw new TargetStartException($"The container of {_settings.Image} failed to start: {e.Message}{Environment.NewLine}Last lines of its log:{Environment.NewLine}{logs}", e);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Throws when the container is no longer running (it exited or was removed during the run), with its last log lines.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task completing when the container runs.</returns>
    /// <exception cref="TargetStoppedException">The container stopped; the message has its exit code and log tail.</exception>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (_container is null)
        {
            return;
        }

        var state = await ReadStateAsync(cancellationToken).ConfigureAwait(false);
        if (state is not { Running: true })
        {
            throw new TargetStoppedException(
                $"The container of {_settings.Image} ({_container.Id[..12]}) {(state is null ? "is gone" : $"exited with code {state.ExitCode} ({state.Status})")} during the run."
                + $"{Environment.NewLine}Last lines of its log:{Environment.NewLine}{await LogTailAsync().ConfigureAwait(false)}");
        }
    }

    /// <summary>The last lines the container wrote (stdout and stderr), for diagnostics; a note when there is none.</summary>
    /// <returns>The lines.</returns>
    public async Task<string> LogTailAsync()
    {
        if (_container is null)
        {
            return "(no container)";
        }

        try
        {
            var (stdout, stderr) = await _container.GetLogsAsync(timestampsEnabled: false).ConfigureAwait(false);
            var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? "(the container wrote nothing)" : string.Join(Environment.NewLine, lines.TakeLast(LogLines));
        }
        catch (DockerApiException e)
        {
            return $"(its log could not be read: {e.Message})";
        }
    }

    /// <summary>Removes the container, whatever its state (forced, with its anonymous volumes).</summary>
    /// <returns>A task completing when the container is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        var running = _container;
        _container = null;
        _baseUri = null;
        ProcessId = null;
        if (running is null)
        {
            return;
        }

        using (var client = DockerEngine.CreateClient())
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await ContainerReaper.RemoveAsync(client, running.Id, bound.Token).ConfigureAwait(false);
        }

        await running.DisposeAsync().ConfigureAwait(false);
    }

    private IContainer Create(int port)
    {
        var builder = new ContainerBuilder(_settings.Image)
            .WithImagePullPolicy(_ => false)
            .WithLabel(ContainerReaper.Labels)
            .WithCleanUp(false)
            .WithEnvironment(new Dictionary<string, string>(_settings.Environment));
        if (_settings.HostNetwork)
        {
            builder = builder
                .WithEnvironment(_settings.PortVariable, port.ToString(CultureInfo.InvariantCulture))
                .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "host");
        }
        else
        {
            builder = builder.WithPortBinding(_settings.Port, assignRandomHostPort: true);
        }

        if (_settings.Capabilities.Count > 0)
        {
            builder = builder.WithCreateParameterModifier(p => p.HostConfig!.CapAdd = [.. _settings.Capabilities]);
        }

        foreach (var (hostPath, containerPath) in _settings.BindMounts)
        {
            builder = builder.WithBindMount(hostPath, containerPath);
        }

        if (_settings.Unprivileged)
        {
            builder = builder.WithCreateParameterModifier(p =>
            {
                p.HostConfig!.CapDrop = ["ALL"];
                p.HostConfig.SecurityOpt = [.. p.HostConfig.SecurityOpt ?? [], "no-new-privileges"];
            });
        }

        return builder.Build();
    }

    private async Task EnsureImageAsync(IDockerClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(_settings.Image, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            throw new TargetStartException(
                $"The image {_settings.Image} does not exist on the Docker engine, and PerfSuite never pulls one. "
                + $"Build it first (docker build -t {_settings.Image} <context>), or docker load / docker pull it yourself.");
        }
    }

    private async Task WaitUntilReadyAsync(Uri address, CancellationToken cancellationToken)
    {
        using var wait = HttpWaitStrategy.AnySuccess(_settings.ReadyPath);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var state = await ReadStateAsync(cancellationToken).ConfigureAwait(false);
            if (state is not { Running: true })
            {
                throw new TargetStartException(
                    $"The container of {_settings.Image} exited {(state is null ? string.Empty : $"with code {state.ExitCode} ")}before it was ready ({wait.Description}). "
                    + $"Last lines of its log:{Environment.NewLine}{await LogTailAsync().ConfigureAwait(false)}");
            }

            if (await wait.IsReadyAsync(address, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (deadline.Elapsed > _settings.StartupTimeout)
            {
                throw new TargetStartException(
                    $"The container of {_settings.Image} was not ready within {_settings.StartupTimeout.TotalSeconds:0} s (waiting until {wait.Description} at {address}). "
                    + $"Last lines of its log:{Environment.NewLine}{await LogTailAsync().ConfigureAwait(false)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ContainerRunState?> ReadStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = DockerEngine.CreateClient();
            var state = (await client.Containers.InspectContainerAsync(_container!.Id, cancellationToken).ConfigureAwait(false)).State;
            return state is null ? null : new ContainerRunState(state.Running, state.Pid, state.ExitCode, state.Status);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private sealed record ContainerRunState(bool Running, long Pid, long ExitCode, string Status);
}
