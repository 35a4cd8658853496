using PerfSuite.Engine.Http;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.Http;

public sealed class RequestTimeoutTests
{
    [Fact]
    public void A_request_slower_than_the_timeout_is_cancelled_on_the_run_clock()
    {
        var time = new FakeTimeProvider();
        using var timeout = new RequestTimeout(time, TimeSpan.FromSeconds(2));

        var token = timeout.Start(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1.9));
        var before = token.IsCancellationRequested;
        time.Advance(TimeSpan.FromSeconds(0.2));

        before.Should().BeFalse();
        token.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public void Each_request_gets_the_full_timeout_again_and_a_fired_one_is_replaced()
    {
        var time = new FakeTimeProvider();
        using var timeout = new RequestTimeout(time, TimeSpan.FromSeconds(2));

        var first = timeout.Start(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1.5));
        timeout.Stop();
        var second = timeout.Start(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1.5));
        var secondAfterThreeSeconds = second.IsCancellationRequested;
        time.Advance(TimeSpan.FromSeconds(1));
        timeout.Stop();
        var third = timeout.Start(CancellationToken.None);

        first.IsCancellationRequested.Should().BeFalse("a disarmed timeout must not fire later");
        secondAfterThreeSeconds.Should().BeFalse();
        second.IsCancellationRequested.Should().BeTrue();
        third.IsCancellationRequested.Should().BeFalse("a fired source is replaced by a fresh one");
    }

    [Fact]
    public void Cancelling_the_user_token_cancels_the_request_token()
    {
        var time = new FakeTimeProvider();
        using var user = new CancellationTokenSource();
        using var timeout = new RequestTimeout(time, TimeSpan.FromSeconds(30));

        var token = timeout.Start(user.Token);
        user.Cancel();

        token.IsCancellationRequested.Should().BeTrue();
    }
}
