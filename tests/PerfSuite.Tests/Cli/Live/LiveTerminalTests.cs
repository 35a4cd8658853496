using PerfSuite.Cli.Live;

namespace PerfSuite.Tests.Cli.Live;

public sealed class LiveTerminalTests
{
    public static TheoryData<bool, bool, string?, string?, bool> Cases => new()
    {
        { false, true, null, "xterm-256color", true },
        { false, true, "", "xterm", true },
        { false, true, null, null, true },
        { true, true, null, "xterm", false },
        { false, false, null, "xterm", false },
        { false, true, "1", "xterm", false },
        { false, true, null, "dumb", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_live_view_is_on_only_at_a_terminal_without_no_live_NO_COLOR_or_TERM_dumb(bool noLive, bool terminal, string? noColor, string? term, bool on)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };

        LiveTerminal.IsOn(noLive, terminal, name => environment.GetValueOrDefault(name)).Should().Be(on);
    }

    [Fact]
    public void A_writer_that_is_not_the_process_standard_error_is_never_a_terminal()
    {
        LiveTerminal.IsTerminal(new StringWriter()).Should().BeFalse();
    }
}
