using PerfSuite.Hosting.Containers;

namespace PerfSuite.Tests.Containers;

public sealed class ContainerReaperTests
{
    [Fact]
    public void Containers_carry_the_managed_session_and_owner_labels_of_this_process()
    {
        var labels = ContainerReaper.Labels;

        labels.Should().Contain(ContainerReaper.ManagedLabel, "true").And.Contain(ContainerReaper.SessionLabel, ContainerReaper.SessionId);
        labels[ContainerReaper.OwnerLabel].Should().StartWith($"{Environment.MachineName}/{Environment.ProcessId}/");
    }

    [Fact]
    public void A_container_owned_by_this_running_process_is_not_stale()
    {
        var owner = ContainerReaper.Owner(Environment.ProcessId)!;

        ContainerReaper.IsStale(owner).Should().BeFalse();
    }

    [Fact]
    public void A_container_whose_owner_pid_was_reused_by_another_process_is_stale()
    {
        var owner = ContainerReaper.Owner(Environment.ProcessId)!;
        var reused = owner[..owner.LastIndexOf('/')] + "/1";

        ContainerReaper.IsStale(reused).Should().BeTrue();
    }

    [Fact]
    public void A_container_owned_by_a_process_that_no_longer_runs_is_stale()
    {
        ContainerReaper.IsStale($"{Environment.MachineName}/2147483646/12345").Should().BeTrue();
    }

    [Theory]
    [InlineData("another-host/1/1")]
    [InlineData("not-an-owner")]
    public void A_container_of_another_machine_or_with_an_unreadable_owner_is_left_alone(string owner)
    {
        ContainerReaper.IsStale(owner).Should().BeFalse();
    }
}
