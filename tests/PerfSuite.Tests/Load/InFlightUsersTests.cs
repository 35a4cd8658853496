using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

public sealed class InFlightUsersTests
{
    [Fact]
    public void Idle_completes_only_when_sealed_and_the_last_user_has_left_even_if_sealed_twice()
    {
        var users = new InFlightUsers();
        users.Enter();
        users.Enter();

        users.Seal();
        users.Seal();
        users.Exit();
        var idleWithOneLeft = users.Idle.IsCompleted;
        users.Exit();

        idleWithOneLeft.Should().BeFalse();
        users.Idle.IsCompleted.Should().BeTrue();
    }
}
