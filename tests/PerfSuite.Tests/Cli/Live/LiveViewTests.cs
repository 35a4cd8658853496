using PerfSuite.Cli.Live;
using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Cli.Live;

public sealed class LiveViewTests
{
    private static readonly LoadProgress Running = new(TimeSpan.FromSeconds(12), 240, 230, 24.04, 15.2, 2, 8)
    {
        Planned = TimeSpan.FromSeconds(30),
        Phase = "steady",
        Skipped = 3,
        Requests = 250,
        Failed = 5,
        P95SoFarMs = 12.66,
        ErrorsByKind = new Dictionary<string, long> { ["connection-refused"] = 2, ["timeout"] = 3 },
    };

    [Fact]
    public void A_running_snapshot_renders_as_three_lines_with_the_plan_the_phase_the_counts_and_the_errors_most_first()
    {
        var lines = LiveView.Render("load http://127.0.0.1:5000/", Running, 120);

        lines.Should().Equal(
            "load http://127.0.0.1:5000/ · phase steady · 12/30 s [####------] 40%",
            "launched 240, skipped 3 · active users 8 · 24.0 req/s · p95 so far 12.7 ms",
            "failed 5 of 250 requests · timeout 3, connection-refused 2");
    }

    [Fact]
    public void Past_the_plan_the_phase_reads_finishing_the_bar_is_full_and_a_run_without_errors_says_so()
    {
        var done = Running with { Elapsed = TimeSpan.FromSeconds(31), Phase = null, ErrorsByKind = new Dictionary<string, long>(), Failed = 0 };

        var lines = LiveView.Render("run smoke", done, 120);

        lines.Should().Equal(
            "run smoke · finishing · 31/30 s [##########] 100%",
            "launched 240, skipped 3 · active users 8 · 24.0 req/s · p95 so far 12.7 ms",
            "failed 0 of 250 requests · no errors");
    }

    [Fact]
    public void Without_a_planned_length_only_the_elapsed_seconds_show()
    {
        var lines = LiveView.Render("load x", Running with { Planned = TimeSpan.Zero }, 120);

        lines[0].Should().Be("load x · phase steady · 12 s");
    }

    [Fact]
    public void A_line_wider_than_the_terminal_is_cut_to_one_column_less_with_an_ellipsis_so_that_it_never_wraps()
    {
        var lines = LiveView.Render("load http://127.0.0.1:5000/", Running, 41);

        lines.Should().Equal(
            "load http://127.0.0.1:5000/ · phase ste…",
            "launched 240, skipped 3 · active users …",
            "failed 5 of 250 requests · timeout 3, c…");
        lines.Should().AllSatisfy(l => l.Length.Should().Be(40));
    }
}
