using Docker.DotNet.Models;
using PerfSuite.Hosting.Containers;

namespace PerfSuite.Tests.Support;

/// <summary>
/// What the container tests need: a Docker engine and the reference API's image. Without them the tests skip with the
/// reason, unless <c>PERF_REQUIRE_DOCKER=1</c> (set by .ci/run, which starts an engine and builds the image): then a
/// missing engine or image fails them, so CI cannot turn green by skipping.
/// </summary>
internal static class DockerRequirement
{
    public const string ReferenceImage = "perfsuite-queue-api:local";

    private static readonly Lazy<Task<DockerEngineStatus>> Engine = new(() => DockerEngine.ProbeAsync(TimeSpan.FromSeconds(10), CancellationToken.None));

    private static bool Required => Environment.GetEnvironmentVariable("PERF_REQUIRE_DOCKER") == "1";

    /// <summary>Skips (or, when required, fails) the test unless an engine answers and the reference image exists.</summary>
    public static async Task RequireReferenceImageAsync()
    {
        var engine = await Engine.Value;
        Unless(engine.Available, engine.Description);
        using var client = DockerEngine.CreateClient();
        var images = await client.Images.ListImagesAsync(
            new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [ReferenceImage] = true } } },
            TestContext.Current.CancellationToken);
        Unless(images.Count > 0, $"the image {ReferenceImage} is not built: run ./build.sh image");
    }

    /// <summary>The engine this test process found (its API version among it), probed once.</summary>
    public static Task<DockerEngineStatus> EngineAsync() => Engine.Value;

    /// <summary>The containers of this test process (its reaper session) that still exist, running or not.</summary>
    public static async Task<IList<ContainerListResponse>> SessionContainersAsync()
    {
        using var client = DockerEngine.CreateClient();
        return await client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerReaper.SessionLabel}={ContainerReaper.SessionId}"] = true },
                },
            },
            TestContext.Current.CancellationToken);
    }

    private static void Unless(bool condition, string reason)
    {
        if (!condition && Required)
        {
            Assert.Fail($"PERF_REQUIRE_DOCKER=1 but {reason}");
        }

        Assert.SkipUnless(condition, reason);
    }
}
