using Microsoft.Extensions.Time.Testing;
using PerfSuite.Cli.Live;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Cli.Live;

public sealed class LiveRegionTests
{
    private const string Redraw = "\e[3A\r\e[J";

    private static LoadProgress At(int seconds) => new(TimeSpan.FromSeconds(seconds), seconds, seconds, 1, 1, 0, 1)
    {
        Planned = TimeSpan.FromSeconds(10),
        Phase = "p",
    };

    private static string Region(int seconds) => string.Concat(LiveView.Render("t", At(seconds), 80).Select(l => l + "\n"));

    [Fact]
    public void The_first_snapshot_is_drawn_at_once_and_the_next_one_a_second_later_moves_up_over_it_and_clears_below()
    {
        var time = new FakeTimeProvider();
        var terminal = new StringWriter();
        var region = new LiveRegion(terminal, "t", time, () => 80);

        region.Show(At(1));
        time.Advance(TimeSpan.FromSeconds(1));
        region.Show(At(2));

        terminal.ToString().Should().Be(Region(1) + Redraw + Region(2));
    }

    [Fact]
    public void Snapshots_sooner_than_a_second_after_the_last_draw_are_held_and_only_the_latest_is_drawn_when_the_second_is_up()
    {
        var time = new FakeTimeProvider();
        var terminal = new StringWriter();
        var region = new LiveRegion(terminal, "t", time, () => 80);

        region.Show(At(1));
        time.Advance(TimeSpan.FromMilliseconds(400));
        region.Show(At(2));
        time.Advance(TimeSpan.FromMilliseconds(599));
        region.Show(At(3));
        var beforeTheSecond = terminal.ToString();
        time.Advance(TimeSpan.FromMilliseconds(1));
        region.Show(At(4));

        beforeTheSecond.Should().Be(Region(1));
        terminal.ToString().Should().Be(Region(1) + Redraw + Region(4));
    }

    [Fact]
    public void Release_draws_the_held_snapshot_and_the_next_region_starts_below_the_text_that_follows()
    {
        var time = new FakeTimeProvider();
        var terminal = new StringWriter();
        var region = new LiveRegion(terminal, "t", time, () => 80);

        region.Show(At(1));
        region.Show(At(2));
        region.Release();
        terminal.Write("a line of the session\n");
        time.Advance(TimeSpan.FromSeconds(1));
        region.Show(At(3));
        region.Release();
        region.Release();

        terminal.ToString().Should().Be(Region(1) + Redraw + Region(2) + "a line of the session\n" + Region(3));
    }
}
