using PerfSuite.Hosting.Containers;

namespace PerfSuite.Tests.Containers;

public sealed class ContainerTargetBuilderTests
{
    public static TheoryData<Func<ContainerTargetBuilder, ContainerTargetBuilder>, string> InvalidSettings => new()
    {
        { b => b.WithImage(" "), "image must be an image reference" },
        { b => b.WithImage("perfsuite queue"), "image must be an image reference" },
        { b => b.WithPort(0), "port must be 1..65535 (was 0)" },
        { b => b.WithPort(70000), "port must be 1..65535 (was 70000)" },
        { b => b.WithReadiness("healthz", TimeSpan.FromSeconds(5)), "readiness path must start with '/' (was 'healthz')" },
        { b => b.WithReadiness("/", TimeSpan.Zero), "startup timeout must be positive" },
        { b => b.WithHostNetwork(" "), "the port variable for the host network must be named" },
        { b => b.WithCapability("sys_ptrace"), "capability must be a name such as SYS_PTRACE (was 'sys_ptrace')" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Build_rejects_an_invalid_setting_naming_it_and_its_value(Func<ContainerTargetBuilder, ContainerTargetBuilder> change, string problem)
    {
        var builder = change(new ContainerTargetBuilder("perfsuite-queue-api:local"));

        var build = () => builder.Build();

        build.Should().Throw<ArgumentException>().WithMessage($"*{problem}*");
    }

    [Fact]
    public void Validate_lists_every_problem_at_once()
    {
        var builder = new ContainerTargetBuilder("").WithPort(-1).WithReadiness("x", TimeSpan.FromSeconds(-1));

        var problems = builder.Validate();

        problems.Should().HaveCount(4);
    }

    [Fact]
    public void Each_With_returns_a_new_builder_and_leaves_the_original_unchanged()
    {
        var original = new ContainerTargetBuilder("perfsuite-queue-api:local");

        var changed = original.WithPort(5000).WithEnvironment("A", "1").WithCapability("SYS_PTRACE").WithHostNetwork("QUEUE_API_PORT");

        original.Should().BeEquivalentTo(new { Port = 8080, HostNetwork = false, PortVariable = "PORT", ReadyPath = "/" });
        original.Environment.Should().BeEmpty();
        changed.Should().BeEquivalentTo(new { Port = 5000, HostNetwork = true, PortVariable = "QUEUE_API_PORT" });
        changed.Environment.Should().Equal(new Dictionary<string, string> { ["A"] = "1" });
        changed.Capabilities.Should().Equal("SYS_PTRACE");
    }

    [Fact]
    public void A_built_target_has_no_address_or_process_before_it_starts()
    {
        var target = new ContainerTargetBuilder("perfsuite-queue-api:local").Build();

        var address = () => target.BaseUri;

        address.Should().Throw<InvalidOperationException>();
        target.ProcessId.Should().BeNull();
        target.ContainerId.Should().BeNull();
    }
}
