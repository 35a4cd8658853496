using Microsoft.Extensions.Time.Testing;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class ParentProcessWatchTests
{
    [Fact]
    public void A_parent_pid_that_changes_cancels_the_token_at_the_next_check()
    {
        var time = new FakeTimeProvider();
        var parent = 4242;
        using var watch = new ParentProcessWatch(() => parent, time, TimeSpan.FromMilliseconds(250));
        time.Advance(TimeSpan.FromSeconds(5));
        var goneWhileParentLives = watch.Gone.IsCancellationRequested;

        parent = 1;
        time.Advance(TimeSpan.FromMilliseconds(250));

        goneWhileParentLives.Should().BeFalse();
        watch.Gone.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public void An_unreadable_parent_pid_never_cancels()
    {
        var time = new FakeTimeProvider();
        using var watch = new ParentProcessWatch(() => null, time, TimeSpan.FromMilliseconds(250));

        time.Advance(TimeSpan.FromMinutes(1));

        watch.Gone.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public void This_test_host_has_a_live_parent()
    {
        ParentProcessWatch.Current.Gone.IsCancellationRequested.Should().BeFalse();
    }
}
