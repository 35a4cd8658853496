using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;

namespace PerfSuite.Lab.Compare;

/// <summary>How <c>perfsuite-lab compare</c> creates its servers.</summary>
/// <param name="FromSources">A server from a <c>targets/queue-api</c> folder (default: the embedded reference API launcher).</param>
/// <param name="FromImage">A server from a container image; <c>null</c> when this build has no container target.</param>
internal sealed record CompareServers(Func<string, ITarget> FromSources, Func<string, ITarget>? FromImage)
{
    /// <summary>
    /// The embedded reference API from sources (1 gunicorn worker), and a container per image configured like
    /// <c>PERF_TARGET_IMAGE</c> is (the same <c>PERF_TARGET_PORT</c>, <c>PERF_TARGET_READY</c>, <c>PERF_TARGET_ENV_*</c>
    /// and <c>PERF_DOCKER_NETWORK</c> for both images; never pulled).
    /// </summary>
    public static CompareServers Default { get; } = new(
        directory => new QueueApiBuilder().WithAppDirectory(directory).Build(),
        FromImageSettings);

    private static Hosting.Containers.ContainerTarget FromImageSettings(string image)
    {
        try
        {
            var builder = ContainerSelection.Parse(name => name == ContainerSelection.ImageVariable ? image : Variable(name), VariableNames())!;
            return QueueApiImage.Configure(builder, Variable("PERF_TARGET_READY") is not null).Build();
        }
        catch (ArgumentException e)
        {
            throw new TargetStartException($"image '{image}': {e.Message}", e);
        }
    }

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static IEnumerable<string> VariableNames() =>
        Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(key => (string)key);
}
