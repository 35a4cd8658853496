using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace PerfSuite.Hosting.Containers;

/// <summary>
/// PerfSuite's stand-in for Testcontainers' Ryuk (whose image cannot be pulled here): every container is labelled with this
/// process's session, and is removed (1) by its target's dispose, (2) at process exit, (3) by a detached watchdog shell
/// that outlives this process, even a SIGKILL of it, and removes the session's containers once the process is gone, and
/// (4) at the next start, which removes labelled containers whose owning process no longer runs.
/// </summary>
internal static class ContainerReaper
{
    public const string ManagedLabel = "org.perfsuite.managed";
    public const string SessionLabel = "org.perfsuite.session";
    public const string OwnerLabel = "org.perfsuite.owner";

    private static readonly Lock Gate = new();
    private static bool _started;

    /// <summary>This process's session id (a label value).</summary>
    public static string SessionId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The labels every container of this process carries.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [ManagedLabel] = "true",
        [SessionLabel] = SessionId,
        [OwnerLabel] = Owner(Environment.ProcessId) ?? $"{System.Environment.MachineName}/{Environment.ProcessId}/0",
    };

    /// <summary>
    /// Once per process: removes containers left by dead PerfSuite processes on this machine, hooks process exit and starts
    /// the watchdog. Call before the first container is created.
    /// </summary>
    public static async Task StartAsync(IDockerClient client, Action<string> log, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveSessionContainers(TimeSpan.FromSeconds(10));
        StartWatchdog(log);
        foreach (var stale in await ListAsync(client, ManagedLabel + "=true", cancellationToken).ConfigureAwait(false))
        {
            if (stale.Labels.TryGetValue(OwnerLabel, out var owner) && IsStale(owner))
            {
                log($"removing container {stale.ID[..12]} left by PerfSuite process {owner}, which no longer runs");
                await RemoveAsync(client, stale.ID, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes a container and its anonymous volumes, whatever its state; a container already gone is fine.</summary>
    public static async Task RemoveAsync(IDockerClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already removed (e.g. by the container runtime's own cleanup): nothing left to do.
        }
    }

    /// <summary>Removes every container of this session, at most <paramref name="bound"/>; never throws (runs at process exit).</summary>
    public static void RemoveSessionContainers(TimeSpan bound)
    {
        try
        {
            using var cancel = new CancellationTokenSource(bound);
            using var client = DockerEngine.CreateClient();
            foreach (var container in ListAsync(client, SessionLabel + "=" + SessionId, cancel.Token).GetAwaiter().GetResult())
            {
                RemoveAsync(client, container.ID, cancel.Token).GetAwaiter().GetResult();
            }
        }
#pragma warning disable CA1031 // At process exit there is no one to report to; the watchdog and the next start's sweep remain.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The owner label of a process: host, PID and start time (clock ticks after boot), so a reused PID is not mistaken for it.</summary>
    internal static string? Owner(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var startTicks = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
            return $"{System.Environment.MachineName}/{pid.ToString(CultureInfo.InvariantCulture)}/{startTicks}";
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="owner"/> names a process of this machine that no longer runs (or whose PID was reused).</summary>
    internal static bool IsStale(string owner)
    {
        var parts = owner.Split('/');
        return parts.Length == 3
            && parts[0] == System.Environment.MachineName
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && Owner(pid) != owner;
    }

    private static async Task<IList<ContainerListResponse>> ListAsync(IDockerClient client, string label, CancellationToken cancellationToken) =>
        await client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } },
            },
            cancellationToken).ConfigureAwait(false);

    private static void StartWatchdog(Action<string> log)
    {
        if (FindDockerCli() is not { } docker)
        {
            log("no docker CLI on PATH: containers of a killed run are removed at the next start, not by a watchdog");
            return;
        }

        // Polls this process once a second; when it is gone (however it ended), removes the session's containers.
        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"ids=$('{docker}' ps -aq --filter label={SessionLabel}={SessionId}); "
            + $"[ -z \"$ids\" ] || '{docker}' rm -f -v $ids >/dev/null 2>&1";
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "/bin/sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
        watchdog?.StandardInput.Close();
    }

    private static string? FindDockerCli() =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "docker"))
            .FirstOrDefault(File.Exists);
}
