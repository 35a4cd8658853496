using System.Globalization;
using PerfSuite.Hosting.Containers;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Settings;

/// <summary>
/// Reads the container target from the environment: <c>PERF_TARGET_IMAGE</c> (the image, which must exist locally),
/// <c>PERF_TARGET_PORT</c> (the server's port in the container, default 8080), <c>PERF_TARGET_READY</c> (a path that must
/// answer 2xx, default <c>/</c>), <c>PERF_TARGET_ENV_&lt;NAME&gt;=&lt;value&gt;</c> (the container's environment) and
/// <c>PERF_DOCKER_NETWORK</c> (<c>bridge</c>, the default, with a random published port; or <c>host</c>, where the server is
/// handed a free port in its <c>PORT</c> variable).
/// </summary>
public static class ContainerSelection
{
    /// <summary>The variable naming the image.</summary>
    public const string ImageVariable = "PERF_TARGET_IMAGE";

    /// <summary>The prefix of the variables that make the container's environment.</summary>
    public const string EnvironmentPrefix = "PERF_TARGET_ENV_";

    /// <summary>The repository of the reference API's image (PerfSuite's own test server), whose default login and health route the target knows.</summary>
    public const string ReferenceImageRepository = "perfsuite-queue-api";

    /// <summary>Parses the container target's variables.</summary>
    /// <param name="value">A variable's trimmed value, <c>null</c> when unset or blank.</param>
    /// <param name="variableNames">Every variable name set (to find the <c>PERF_TARGET_ENV_*</c> ones).</param>
    /// <returns>The (not yet built) container target, or <c>null</c> when <c>PERF_TARGET_IMAGE</c> is unset.</returns>
    /// <exception cref="ArgumentException">Every problem, each naming its variable.</exception>
    public static ContainerTargetBuilder? Parse(Func<string, string?> value, IEnumerable<string> variableNames)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(variableNames);
        if (value(ImageVariable) is not { } image)
        {
            return null;
        }

        var problems = new List<string>();
        var builder = new ContainerTargetBuilder(image);
        if (value("PERF_TARGET_PORT") is { } port)
        {
            if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                builder = builder.WithPort(number);
            }
            else
            {
                problems.Add($"PERF_TARGET_PORT='{port}' must be the server's port in the container, 1..65535 (e.g. 8080).");
            }
        }

        if (value("PERF_TARGET_READY") is { } ready)
        {
            builder = builder.WithReadiness(ready, builder.StartupTimeout);
        }

        switch (value("PERF_DOCKER_NETWORK")?.ToLowerInvariant())
        {
            case null or "bridge":
                break;
            case "host":
                builder = builder.WithHostNetwork();
                break;
            case var other:
                problems.Add($"PERF_DOCKER_NETWORK='{other}' must be 'bridge' (the default: a random published port) or 'host' (no bridge on this machine).");
                break;
        }

        foreach (var name in variableNames.Where(n => n.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && n.Length > EnvironmentPrefix.Length).Order(StringComparer.Ordinal))
        {
            builder = builder.WithEnvironment(name[EnvironmentPrefix.Length..], value(name) ?? string.Empty);
        }

        if (IsReferenceImage(image))
        {
            builder = builder.WithDefaultLogin(QueueApiCredentials.Default);
            if (value("PERF_TARGET_READY") is null)
            {
                builder = builder.WithReadiness("/api/v1/healthz", builder.StartupTimeout);
            }

            // The image binds 0.0.0.0 for a published port; on the host network that would be every interface of this machine.
            if (builder.HostNetwork && !builder.Environment.ContainsKey("QUEUE_API_HOST"))
            {
                builder = builder.WithEnvironment("QUEUE_API_HOST", "127.0.0.1");
            }
        }

        problems.AddRange(builder.Validate().Select(p => $"{ImageVariable}={image}: {p} (PERF_TARGET_PORT, PERF_TARGET_READY)."));
        return problems.Count > 0 ? throw new ArgumentException(string.Join(Environment.NewLine + "  ", problems)) : builder;
    }

    /// <summary>True for the reference API's image (any tag of <see cref="ReferenceImageRepository"/>).</summary>
    /// <param name="image">An image reference.</param>
    /// <returns>Whether the image is the reference API's.</returns>
    public static bool IsReferenceImage(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var repository = image.Split('@')[0];
        var tag = repository.LastIndexOf(':');
        if (tag > repository.LastIndexOf('/'))
        {
            repository = repository[..tag];
        }

        return repository == ReferenceImageRepository || repository.EndsWith("/" + ReferenceImageRepository, StringComparison.Ordinal);
    }
}
