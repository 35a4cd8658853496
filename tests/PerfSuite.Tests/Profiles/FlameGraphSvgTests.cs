using System.Globalization;
using System.Xml.Linq;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Profiles;

public sealed class FlameGraphSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_real_profile_renders_as_an_svg_whose_root_frame_holds_all_200_samples()
    {
        var svg = XDocument.Parse(FlameGraphSvg.Render(CollapsedStacks.Parse(PySpySamples.Raw), "Server profile: CSR – All · smoke"));

        var frames = Frames(svg);
        svg.Root!.Name.Should().Be(Svg + "svg");
        svg.Root.Element(Svg + "title")!.Value.Should().Be("Server profile: CSR – All · smoke");
        frames.Should().ContainSingle(f => f.Name == FlameGraphSvg.RootName).Which.Samples.Should().Be(200);
        frames.Should().Contain(f => f.Name == "citizens (queue_api/routes.py:237)" && f.Samples == 19);
        frames.Should().Contain(f => f.Name.StartsWith("process 4356:", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_frame_is_as_wide_as_its_share_of_the_samples_and_says_its_count_and_percent_on_hover()
    {
        var svg = XDocument.Parse(FlameGraphSvg.Render(CollapsedStacks.Parse(PySpySamples.Raw), "t"));

        var pixelsPerSample = (FlameGraphSvg.Width - 20) / 200;
        foreach (var frame in Frames(svg))
        {
            frame.Width.Should().BeApproximately(frame.Samples * pixelsPerSample, 0.01, frame.Name);
            var percent = (100.0 * frame.Samples / 200).ToString("0.00", CultureInfo.InvariantCulture);
            frame.Title.Should().Be($"{frame.Name} ({frame.Samples} {(frame.Samples == 1 ? "sample" : "samples")}, {percent}%)");
        }
    }

    [Fact]
    public void Callees_stand_on_their_caller_within_its_width()
    {
        var svg = XDocument.Parse(FlameGraphSvg.Render(CollapsedStacks.Parse("a;b 3\na;c 1\nd 4\n"), "t"));

        var frames = Frames(svg).ToDictionary(f => f.Name);
        frames["a"].Samples.Should().Be(4);
        frames["b"].Y.Should().Be(frames["a"].Y - FlameGraphSvg.FrameHeight);
        frames["b"].X.Should().Be(frames["a"].X);
        frames["c"].X.Should().BeApproximately(frames["b"].X + frames["b"].Width, 0.02);
        frames["d"].X.Should().BeApproximately(frames["a"].X + frames["a"].Width, 0.02);
        frames["a"].Label.Should().Be("a");
    }

    [Fact]
    public void Names_are_escaped_and_nothing_is_loaded_from_outside()
    {
        var text = FlameGraphSvg.Render(CollapsedStacks.Parse("<module> (x.py:1);<script>alert(1)</script> & \"q\" (y.py:2) 1\n"), "<t>");

        var svg = XDocument.Parse(text);
        Frames(svg).Select(f => f.Name).Should().Contain("<script>alert(1)</script> & \"q\" (y.py:2)");
        text.Should().NotContain("<script").And.NotContain("href").And.NotContain("url(").And.NotContain("@import");
    }

    [Fact]
    public void An_empty_profile_renders_a_graph_that_says_no_samples()
    {
        var svg = XDocument.Parse(FlameGraphSvg.Render(CollapsedStacks.Empty, "t"));

        Frames(svg).Should().BeEmpty();
        svg.Descendants(Svg + "text").Should().Contain(t => t.Value == "no samples");
    }

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Chromium_draws_the_real_profile_with_its_frame_names()
    {
        Assert.SkipUnless(Chromium.IsInstalled, $"{Chromium.Path} is not installed");
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("perfsuite-flamegraph-");
        try
        {
            var path = Path.Combine(directory.FullName, "profile.svg");
            await File.WriteAllTextAsync(path, FlameGraphSvg.Render(CollapsedStacks.Parse(PySpySamples.Raw), "Server profile"), ct);
            var page = new Uri(path).AbsoluteUri;
            var screenshot = Path.Combine(directory.FullName, "profile.png");

            var dom = await Chromium.RunAsync(["--dump-dom", page], TimeSpan.FromSeconds(60), ct);
            await Chromium.RunAsync([$"--screenshot={screenshot}", "--window-size=1200,900", page], TimeSpan.FromSeconds(60), ct);

            dom.Should().Contain("data-name=\"citizens (queue_api/routes.py:237)\"").And.Contain("&lt;lambda&gt; (queue_api/db.py:254)");
            new FileInfo(screenshot).Length.Should().BeGreaterThan(20_000, "a blank or unstyled page compresses to a few KB");
            TestContext.Current.AddAttachment("profile.png", await File.ReadAllBytesAsync(screenshot, ct), "image/png");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static List<Frame> Frames(XDocument svg) =>
    [
        .. svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "frame").Select(g =>
        {
            var rect = g.Element(Svg + "rect")!;
            return new Frame(
                (string)g.Attribute("data-name")!,
                long.Parse((string)g.Attribute("data-samples")!, CultureInfo.InvariantCulture),
                g.Element(Svg + "title")!.Value,
                g.Element(Svg + "text")?.Value,
                double.Parse((string)rect.Attribute("x")!, CultureInfo.InvariantCulture),
                double.Parse((string)rect.Attribute("y")!, CultureInfo.InvariantCulture),
                double.Parse((string)rect.Attribute("width")!, CultureInfo.InvariantCulture));
        }),
    ];

    private sealed record Frame(string Name, long Samples, string Title, string? Label, double X, double Y, double Width);
}
