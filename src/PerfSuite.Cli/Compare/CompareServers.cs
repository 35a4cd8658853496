using PerfSuite.Hosting.Targets;

namespace PerfSuite.Cli.Compare;

/// <summary>
/// How <c>perfsuite compare</c> creates its servers: the seam where the container target is wired in.
/// </summary>
/// <param name="FromSources">A server from a <c>targets/queue-api</c> folder (default: the embedded reference API launcher).</param>
/// <param name="FromImage">A server from a container image; <c>null</c> while this build has no container target.</param>
public sealed record CompareServers(Func<string, ITarget> FromSources, Func<string, ITarget>? FromImage)
{
    /// <summary>The embedded reference API from sources (1 gunicorn worker); no container target yet.</summary>
    public static CompareServers Default { get; } = new(directory => new QueueApiBuilder().WithAppDirectory(directory).Build(), null);
}
