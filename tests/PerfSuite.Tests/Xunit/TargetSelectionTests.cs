using PerfSuite.Hosting.Settings;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class TargetSelectionTests
{
    public static TheoryData<string> LoopbackTargets => new()
    {
        "http://127.0.0.1:5000",
        "http://127.0.0.2:8080",
        "https://localhost",
        "http://LOCALHOST:5000",
        "http://[::1]:5000",
    };

    public static TheoryData<string> RemoteTargets => new()
    {
        "https://queue.example.org",
        "http://10.0.0.5:5000",
        "http://192.168.1.20",
        "https://localhost.example.org",
    };

    [Theory]
    [MemberData(nameof(LoopbackTargets))]
    public void A_loopback_target_is_accepted_without_PERF_ALLOW_REMOTE(string url)
    {
        var target = TargetSelection.Parse(url, allowRemote: false);

        target.Should().Be(new Uri(url));
    }

    [Theory]
    [MemberData(nameof(RemoteTargets))]
    public void A_remote_target_is_refused_without_PERF_ALLOW_REMOTE_and_the_message_says_how_to_allow_it(string url)
    {
        var act = () => TargetSelection.Parse(url, allowRemote: false);

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("PERF_TARGET=").And.Contain("refusing to send load").And.Contain("PERF_ALLOW_REMOTE=1");
    }

    [Theory]
    [MemberData(nameof(RemoteTargets))]
    public void A_remote_target_is_accepted_with_PERF_ALLOW_REMOTE(string url)
    {
        var target = TargetSelection.Parse(url, allowRemote: true);

        target.Should().Be(new Uri(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_target_selects_the_embedded_reference_API(string? value)
    {
        var target = TargetSelection.Parse(value, allowRemote: false);

        target.Should().BeNull();
    }

    [Theory]
    [InlineData("queue.example.org")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/api/v1")]
    public void A_value_that_is_not_an_absolute_http_URL_is_refused(string value)
    {
        var act = () => TargetSelection.Parse(value, allowRemote: true);

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("not an absolute http or https URL");
    }

    [Fact]
    public void The_refusal_never_quotes_user_info_from_the_URL()
    {
        var act = () => TargetSelection.Parse("https://ops:s3cret@queue.example.org", allowRemote: false);

        act.Should().Throw<ArgumentException>().Which.Message.Should().NotContain("s3cret").And.Contain("https://queue.example.org");
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void PERF_ALLOW_REMOTE_is_on_for_1_true_or_yes(string? value, bool expected)
    {
        var allowed = TargetSelection.IsAllowRemote(value);

        allowed.Should().Be(expected);
    }
}
