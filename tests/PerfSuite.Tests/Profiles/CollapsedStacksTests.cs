using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Tests.Profiles;

public sealed class CollapsedStacksTests
{
    private const string Master = "process 4340:\"/usr/bin/python3 -m gunicorn -c gunicorn.conf.py wsgi:app\"";
    private const string Worker = "process 4356:\"/usr/bin/python3 -m gunicorn -c gunicorn.conf.py wsgi:app\"";

    [Fact]
    public void The_real_py_spy_raw_output_reads_as_43_stacks_of_200_samples_each_starting_with_the_master_process_frame()
    {
        var profile = CollapsedStacks.Parse(PySpySamples.Raw);

        profile.Stacks.Should().HaveCount(43);
        profile.TotalSamples.Should().Be(200);
        profile.Stacks.Should().OnlyContain(s => s.Frames[0] == Master);
        profile.Stacks.Count(s => s.Frames.Count > 1 && s.Frames[1] == Worker).Should().Be(41, "two stacks are the master's own (the arbiter sleeping)");
        profile.Stacks.Should().Contain(s => s.Frames[s.Frames.Count - 1] == "<dictcomp> (queue_api/db.py:124)");
    }

    [Fact]
    public void Formatting_then_parsing_gives_back_the_same_stacks()
    {
        var profile = CollapsedStacks.Parse(PySpySamples.Raw);

        var again = CollapsedStacks.Parse(profile.Format());

        again.Stacks.Should().BeEquivalentTo(profile.Stacks, o => o.WithStrictOrdering());
        profile.Format().Should().Be(PySpySamples.Raw, "py-spy writes each stack once, so nothing was merged or reordered");
    }

    [Fact]
    public void Merging_adds_the_samples_of_identical_stacks_and_keeps_every_other_stack()
    {
        var first = CollapsedStacks.Parse("a;b 2\na;c 1\n");
        var second = CollapsedStacks.Parse("a;b 5\nd 4\n");

        var merged = CollapsedStacks.Merge([first, second]);

        merged.Format().Should().Be("a;b 7\na;c 1\nd 4\n");
        merged.TotalSamples.Should().Be(first.TotalSamples + second.TotalSamples);
    }

    [Fact]
    public void A_command_line_holding_a_semicolon_stays_inside_its_process_frame()
    {
        var profile = CollapsedStacks.Parse("process 7:\"python3 -c import a; a.run()\";run (a.py:3) 2\n");

        profile.Stacks.Single().Frames.Should().Equal("process 7:\"python3 -c import a; a.run()\"", "run (a.py:3)");
    }

    [Theory]
    [InlineData("process 4340:\"gunicorn\"", true)]
    [InlineData("process 4340:\"a;b\"", true)]
    [InlineData("process x:\"gunicorn\"", false)]
    [InlineData("process_request (app.py:3)", false)]
    [InlineData("process 12 (worker.py:3)", false)]
    public void Process_frames_are_told_from_function_frames(string frame, bool isProcess) =>
        CollapsedStacks.IsProcessFrame(frame).Should().Be(isProcess);

    [Theory]
    [InlineData("a;b\n", 1)]
    [InlineData("a;b 1\na;b zero\n", 2)]
    [InlineData("a;b 0\n", 1)]
    public void A_line_without_a_positive_sample_count_is_reported_with_its_number(string text, int line)
    {
        var parse = () => CollapsedStacks.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage($"Line {line} of the collapsed stacks*");
    }
}
