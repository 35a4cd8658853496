using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Tests.Profiles;

public sealed class ServerHotSpotsTests
{
    [Fact]
    public void The_real_profile_ranks_the_eventlet_poll_first_by_own_samples_and_the_greenthread_main_first_by_total()
    {
        var hotSpots = ServerHotSpots.From(CollapsedStacks.Parse(PySpySamples.Raw), "note");

        hotSpots.Samples.Should().Be(200);
        hotSpots.ByOwn.Should().HaveCount(15);
        hotSpots.ByTotal.Should().HaveCount(15);
        hotSpots.ByOwn.Take(3).Select(h => (h.Function, h.OwnSamples)).Should().Equal(
            ("do_poll (eventlet/hubs/epolls.py:31)", 75L), ("_send_loop (eventlet/greenio/base.py:383)", 48L), ("<lambda> (queue_api/db.py:254)", 17L));
        hotSpots.ByTotal.Take(2).Select(h => (h.Function, h.TotalSamples)).Should().Equal(
            ("main (eventlet/greenthread.py:221)", 117L), ("handle (gunicorn/workers/geventlet.py:159)", 106L));
    }

    [Fact]
    public void Shares_are_of_all_the_case_samples_process_frames_are_stripped_and_file_and_line_kept()
    {
        var hotSpots = ServerHotSpots.From(CollapsedStacks.Parse(PySpySamples.Raw), "note");

        var lambda = hotSpots.ByOwn.Single(h => h.Function == "<lambda> (queue_api/db.py:254)");
        lambda.TotalSamples.Should().Be(24);
        lambda.OwnShare.Should().Be(17 / 200.0);
        lambda.TotalShare.Should().Be(24 / 200.0);
        hotSpots.ByOwn.Concat(hotSpots.ByTotal).Should().OnlyContain(h => !h.Function.StartsWith("process ", StringComparison.Ordinal) && h.Function.EndsWith(')'));
        hotSpots.ByTotal.Select(h => h.TotalSamples).Should().BeInDescendingOrder();
    }

    [Fact]
    public void A_recursive_function_counts_once_per_sample_in_its_total()
    {
        var profile = CollapsedStacks.Parse("process 1:\"x\";a (m.py:1);b (m.py:2);a (m.py:1) 3\nprocess 1:\"x\";c (m.py:3) 1\n");

        var hotSpots = ServerHotSpots.From(profile, "note");

        hotSpots.ByTotal.Select(h => (h.Function, h.TotalSamples)).Should().Equal(("a (m.py:1)", 3L), ("b (m.py:2)", 3L), ("c (m.py:3)", 1L));
        hotSpots.ByOwn.Select(h => (h.Function, h.OwnSamples)).Should().Equal(("a (m.py:1)", 3L), ("c (m.py:3)", 1L));
        hotSpots.ByTotal[0].TotalShare.Should().Be(0.75);
    }

    [Fact]
    public void Without_a_profile_the_section_carries_the_reason_and_no_rows()
    {
        var hotSpots = ServerHotSpots.Unavailable("py-spy is not installed");

        hotSpots.HasProfile.Should().BeFalse();
        hotSpots.ByOwn.Should().BeEmpty();
        hotSpots.Note.Should().Be("py-spy is not installed");
    }
}
