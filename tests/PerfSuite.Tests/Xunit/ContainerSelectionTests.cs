using PerfSuite.Hosting.Containers;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;

namespace PerfSuite.Tests.Xunit;

public sealed class ContainerSelectionTests
{
    private static readonly string[] Profiles = ["smoke"];

    [Fact]
    public void Without_PERF_TARGET_or_PERF_TARGET_IMAGE_the_library_has_no_target_and_says_what_to_set()
    {
        var settings = Parse(new() { ["PERF_TARGET_ENV_A"] = "1" });

        settings.Container.Should().BeNull();
        var create = () => TargetFactory.FromSettings(settings);
        create.Should().Throw<PerfSettingsException>().WithMessage("No server to load: set PERF_TARGET to its URL*PERF_TARGET_IMAGE to a local Docker image*");
    }

    [Fact]
    public void PERF_TARGET_IMAGE_alone_selects_a_bridge_container_on_port_8080_ready_on_any_2xx_of_the_root()
    {
        var settings = Parse(new() { ["PERF_TARGET_IMAGE"] = "registry.example.org/team/queue:pr-42" });

        settings.Container.Should().BeEquivalentTo(new { Image = "registry.example.org/team/queue:pr-42", Port = 8080, ReadyPath = "/", HostNetwork = false });
        settings.Container!.DefaultLogin.Should().BeNull("the library knows no server's login");
        TargetFactory.FromSettings(settings).Should().BeOfType<ContainerTarget>();
    }

    [Fact]
    public void Port_readiness_host_network_and_prefixed_environment_variables_configure_the_container()
    {
        var settings = Parse(new()
        {
            ["PERF_TARGET_IMAGE"] = "perfsuite-queue-api:local",
            ["PERF_TARGET_PORT"] = "5000",
            ["PERF_TARGET_READY"] = "/api/v1/healthz",
            ["PERF_DOCKER_NETWORK"] = "host",
            ["PERF_TARGET_ENV_QUEUE_API_WORKERS"] = "2",
        });

        settings.Container.Should().BeEquivalentTo(new { Port = 5000, ReadyPath = "/api/v1/healthz", HostNetwork = true, PortVariable = "PORT" });
        settings.Container!.Environment.Should().Equal(new Dictionary<string, string> { ["QUEUE_API_WORKERS"] = "2" }, "the library adds nothing of the reference image's");
        settings.Container.DefaultLogin.Should().BeNull();
        Parse(new() { ["PERF_TARGET_IMAGE"] = "perfsuite-queue-api:local" }).Container!.ReadyPath.Should().Be("/", "the library knows no image's health route");
        settings.ToString().Should().Contain("container perfsuite-queue-api:local (host network)");
    }

    [Fact]
    public void The_lab_gives_the_reference_image_its_login_its_health_route_and_a_loopback_bind_on_the_host_network()
    {
        var builder = QueueApiImage.Configure(Parse(new() { ["PERF_TARGET_IMAGE"] = "perfsuite-queue-api:local", ["PERF_DOCKER_NETWORK"] = "host" }).Container!, readyPathSet: false);

        builder.ReadyPath.Should().Be("/api/v1/healthz");
        builder.Environment.Should().Contain("QUEUE_API_HOST", "127.0.0.1");
        builder.DefaultLogin.Should().NotBeNull();
        QueueApiImage.Configure(Parse(new() { ["PERF_TARGET_IMAGE"] = "team/queue:1" }).Container!, readyPathSet: false).DefaultLogin.Should().BeNull("another image is left as it is");
    }

    [Fact]
    public void The_reference_image_keeps_a_QUEUE_API_HOST_given_by_the_user()
    {
        var settings = Parse(new() { ["PERF_TARGET_IMAGE"] = "perfsuite-queue-api:local", ["PERF_DOCKER_NETWORK"] = "host", ["PERF_TARGET_ENV_QUEUE_API_HOST"] = "::1" });

        QueueApiImage.Configure(settings.Container!, readyPathSet: false).Environment.Should().Contain("QUEUE_API_HOST", "::1");
    }

    [Fact]
    public void Every_invalid_container_variable_is_reported_at_once_by_name()
    {
        var parse = () => Parse(new()
        {
            ["PERF_TARGET_IMAGE"] = "perfsuite-queue-api:local",
            ["PERF_TARGET_PORT"] = "http",
            ["PERF_TARGET_READY"] = "healthz",
            ["PERF_DOCKER_NETWORK"] = "overlay",
        });

        var problems = parse.Should().Throw<PerfSettingsException>().Which.Message;
        problems.Should().Contain("PERF_TARGET_PORT='http'").And.Contain("PERF_DOCKER_NETWORK='overlay'").And.Contain("readiness path must start with '/'");
    }

    [Fact]
    public void A_URL_and_an_image_together_are_refused()
    {
        var parse = () => Parse(new() { ["PERF_TARGET"] = "http://127.0.0.1:5000", ["PERF_TARGET_IMAGE"] = "perfsuite-queue-api:local" });

        parse.Should().Throw<PerfSettingsException>().WithMessage("*PERF_TARGET and PERF_TARGET_IMAGE are both set*");
    }

    [Theory]
    [InlineData("perfsuite-queue-api:local", true)]
    [InlineData("perfsuite-queue-api", true)]
    [InlineData("localhost:5000/perfsuite-queue-api:pr-1", true)]
    [InlineData("perfsuite-queue-api-fork:local", false)]
    [InlineData("localhost:5000/queue:perfsuite-queue-api", false)]
    public void The_reference_image_is_recognised_by_its_repository_whatever_the_tag_or_registry(string image, bool expected)
    {
        QueueApiImage.IsReferenceImage(image).Should().Be(expected);
    }

    private static PerfSettings Parse(Dictionary<string, string> variables) =>
        PerfSettings.Parse(name => variables.GetValueOrDefault(name), Profiles, variables.Keys);
}
