using PerfSuite.Reporting.Profiles;
using PerfSuite.Reporting.Reports;

namespace PerfSuite.Tests.Profiles;

/// <summary>The hot spots' split into your code, frameworks, the event loop and idle polling, on real py-spy output.</summary>
public sealed class CodeClassifierTests
{
    [Theory]
    [InlineData("do_poll (eventlet/hubs/epolls.py:31)", CodeKind.Idle)]
    [InlineData("wait (eventlet/hubs/poll.py:111)", CodeKind.Idle)]
    [InlineData("run (gevent/hub.py:647)", CodeKind.Idle)]
    [InlineData("sleep (gunicorn/arbiter.py:357)", CodeKind.Idle)]
    [InlineData("switch (eventlet/hubs/hub.py:313)", CodeKind.EventLoop)]
    [InlineData("_send_loop (eventlet/greenio/base.py:383)", CodeKind.EventLoop)]
    [InlineData("iterencode (json/encoder.py:258)", CodeKind.Framework)]
    [InlineData("dispatch_request (flask/app.py:1796)", CodeKind.Framework)]
    [InlineData("_run_code (<frozen runpy>:88)", CodeKind.Framework)]
    [InlineData("accept (socket.py:294)", CodeKind.Framework)]
    [InlineData("get (/usr/lib/python3/dist-packages/foo/bar.py:3)", CodeKind.Framework)]
    [InlineData("<lambda> (queue_api/db.py:254)", CodeKind.YourCode)]
    [InlineData("application (wsgi.py:12)", CodeKind.YourCode)]
    public void The_default_rule_sorts_frames_by_whose_code_they_are(string frame, CodeKind kind) =>
        CodeClassifier.Default.Classify(frame).Should().Be(kind);

    [Fact]
    public void Configured_prefixes_are_exactly_your_code_and_the_event_loop_stays_the_event_loop()
    {
        var classifier = CodeClassifier.Parse(" queue_api/routes.py , mylib/");

        classifier.Classify("citizens (queue_api/routes.py:237)").Should().Be(CodeKind.YourCode);
        classifier.Classify("<lambda> (queue_api/db.py:254)").Should().Be(CodeKind.Framework);
        classifier.Classify("x (mylib/a.py:1)").Should().Be(CodeKind.YourCode);
        classifier.Classify("do_poll (eventlet/hubs/epolls.py:31)").Should().Be(CodeKind.Idle);
        CodeClassifier.Parse("  ").Should().BeSameAs(CodeClassifier.Default);
    }

    [Fact]
    public void The_real_py_spy_profile_splits_into_your_code_frameworks_the_event_loop_and_idle_polling()
    {
        var hotSpots = ServerHotSpots.From(CollapsedStacks.Parse(PySpySamples.Raw), "note");

        hotSpots.Split.Select(r => (r.Kind, r.Samples)).Should().Equal(
            (CodeKind.YourCode, 25L), (CodeKind.Framework, 37L), (CodeKind.EventLoop, 57L), (CodeKind.Idle, 79L));
        hotSpots.Split.Single(r => r.Kind == CodeKind.Idle).Top[0].Should().Be("do_poll (eventlet/hubs/epolls.py:31)");
        hotSpots.Split.Single(r => r.Kind == CodeKind.Idle).Label.Should().Contain("not a hot spot");
        hotSpots.Split.Single(r => r.Kind == CodeKind.YourCode).Share.Should().Be(25 / 200.0);
        hotSpots.YourCode.Should().NotBeEmpty().And.OnlyContain(h => h.Function.Contains("(queue_api/", StringComparison.Ordinal));
        hotSpots.YourCode.Select(h => h.TotalSamples).Should().BeInDescendingOrder();
        hotSpots.YourCodeOnStackShare.Should().BeGreaterThanOrEqualTo(25 / 200.0);
    }

    [Fact]
    public void The_report_shows_the_split_and_your_code_first_and_names_idle_polling_as_idle()
    {
        var hotSpots = ServerHotSpots.From(CollapsedStacks.Parse(PySpySamples.Raw), "note");

        var tables = ReportTables.HotSpots(hotSpots);

        tables.Select(t => t.Id).Should().Equal("hot-spots-split", "hot-spots-your-code", "hot-spots-own", "hot-spots-total");
        tables[0].Rows.Should().Contain(r => r[0].StartsWith("Idle polling", StringComparison.Ordinal) && r[2] == "39.50%");
        tables[2].Rows[0][1].Should().Be("do_poll (eventlet/hubs/epolls.py:31) [idle polling, not a hot spot]");
    }
}
