using PerfSuite.Hosting.Containers;

namespace PerfSuite.QueueApi;

/// <summary>
/// The reference API's image (<c>./build.sh image</c> builds <c>perfsuite-queue-api:local</c>): what this repository's
/// suites add to a container target of it, which the product's container target does not know.
/// </summary>
public static class QueueApiImage
{
    /// <summary>The repository of the reference API's image.</summary>
    public const string Repository = "perfsuite-queue-api";

    /// <summary>True for any tag of <see cref="Repository"/> (with or without a registry prefix).</summary>
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

        return repository == Repository || repository.EndsWith("/" + Repository, StringComparison.Ordinal);
    }

    /// <summary>
    /// For the reference image: its default CSR login, its health route as readiness (unless <c>PERF_TARGET_READY</c> names
    /// another), and, on the host network, a bind to loopback only (the image binds 0.0.0.0 for a published port, which on
    /// the host network would be every interface of this machine). Other images are returned as they are.
    /// </summary>
    /// <param name="builder">The container target from the settings.</param>
    /// <param name="readyPathSet">Whether <c>PERF_TARGET_READY</c> was given.</param>
    /// <returns>The builder.</returns>
    public static ContainerTargetBuilder Configure(ContainerTargetBuilder builder, bool readyPathSet)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsReferenceImage(builder.Image))
        {
            return builder;
        }

        builder = builder.WithDefaultLogin(QueueApiCredentials.Default.CreateTokenProvider);
        if (!readyPathSet)
        {
            builder = builder.WithReadiness("/api/v1/healthz", builder.StartupTimeout);
        }

        return builder.HostNetwork && !builder.Environment.ContainsKey("QUEUE_API_HOST") ? builder.WithEnvironment("QUEUE_API_HOST", "127.0.0.1") : builder;
    }
}
