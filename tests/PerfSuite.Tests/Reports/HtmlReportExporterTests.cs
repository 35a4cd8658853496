using System.Text.RegularExpressions;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Reporting.Reports;
using PerfSuite.Tests.Profiles;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Reports;

public sealed partial class HtmlReportExporterTests
{
    [Fact]
    public void The_page_holds_the_four_charts_with_titles_axes_and_plotted_data()
    {
        var html = HtmlReportExporter.Render(SampleReports.WithVerdict());

        foreach (var id in HtmlReportExporter.ChartIds)
        {
            var chart = Chart(html, id);
            chart.Should().Contain("<title>").And.Contain("class=\"chart-title\"").And.Contain("class=\"axis-label\"");
        }

        SeriesPaths(Chart(html, "latency-over-time")).Should().HaveCount(3).And.OnlyContain(d => d.Split('L').Length == 65);
        SeriesPaths(Chart(html, "throughput")).Should().HaveCount(2);
        SeriesPaths(Chart(html, "active-users")).Should().ContainSingle();
        BarCounts(Chart(html, "latency-histogram")).Sum().Should().Be(SampleRuns.Realistic().Latency.Count);
    }

    [Fact]
    public void The_page_loads_nothing_from_outside()
    {
        var html = HtmlReportExporter.Render(SampleReports.WithVerdict());

        html.Should().NotContain("<script").And.NotContain("<link").And.NotContain("src=").And.NotContain("@import").And.NotContain("url(");
        html.Should().Contain("Content-Security-Policy\" content=\"default-src 'none'");
    }

    [Fact]
    public void Every_name_from_the_run_is_html_encoded()
    {
        var run = SampleRuns.Realistic();
        var hostile = run with
        {
            Endpoints = [.. run.Endpoints.Select((e, i) => i == 0 ? e with { Name = "GET /<script>alert(1)</script>?a=1&b=2" } : e)],
            Scenarios = [run.Scenarios[0] with { Name = "<b>bold</b> & \"quoted\"" }],
        };

        var html = HtmlReportExporter.Render(SampleReports.WithVerdict(hostile));

        html.Should().NotContain("<script>").And.NotContain("<b>bold</b>");
        html.Should().Contain("GET /&lt;script&gt;alert(1)&lt;/script&gt;?a=1&amp;b=2").And.Contain("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;");
    }

    [Fact]
    public void A_run_without_samples_still_renders_every_chart()
    {
        var run = SampleRuns.Realistic() with { Series = [], Histogram = "", Latency = LatencyStats.Empty };

        var html = HtmlReportExporter.Render(SampleReports.WithVerdict(run));

        HtmlReportExporter.ChartIds.Should().OnlyContain(id => Chart(html, id).Contains("no data", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Chromium_renders_the_charts_and_a_non_trivial_screenshot()
    {
        Assert.SkipUnless(Chromium.IsInstalled, $"{Chromium.Path} is not installed");
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("perfsuite-html-");
        try
        {
            var paths = await ReportWriter.CreateStandard().WriteAsync(SampleReports.WithVerdict(SampleRuns.Realistic(generatorBound: true)), directory.FullName, ct);
            var page = new Uri(paths.Single(p => p.EndsWith(".html", StringComparison.Ordinal))).AbsoluteUri;
            var screenshot = Path.Combine(directory.FullName, "report.png");

            var dom = await Chromium.RunAsync(["--dump-dom", page], TimeSpan.FromSeconds(60), ct);
            await Chromium.RunAsync([$"--screenshot={screenshot}", "--window-size=1280,2400", page], TimeSpan.FromSeconds(60), ct);

            foreach (var id in HtmlReportExporter.ChartIds.Take(3))
            {
                SeriesPaths(Chart(dom, id)).Should().NotBeEmpty(id).And.OnlyContain(d => d.Contains('L'), id);
            }

            BarCounts(Chart(dom, "latency-histogram")).Should().Contain(c => c > 0);
            Chart(dom, "latency-histogram").Should().MatchRegex("<rect class=\"bar\"[^>]* height=\"[1-9][0-9]");
            dom.Should().Contain("WARNING: results may be generator-bound").And.Contain("id=\"table-budget\"");
            new FileInfo(screenshot).Length.Should().BeGreaterThan(50_000);
            TestContext.Current.AddAttachment("report.png", await File.ReadAllBytesAsync(screenshot, ct), "image/png");
            if (Environment.GetEnvironmentVariable("PERFSUITE_KEEP_SCREENSHOT") is { Length: > 0 } keep)
            {
                File.Copy(screenshot, keep, overwrite: true);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_profiled_run_shows_the_server_hot_spots_as_two_tables_with_encoded_function_names()
    {
        var hotSpots = ServerHotSpots.From(CollapsedStacks.Parse(PySpySamples.Raw), "Recorded: pid 4340.");

        var html = HtmlReportExporter.Render(SampleReports.WithVerdict() with { HotSpots = hotSpots });

        html.Should().Contain("<h2 id=\"hot-spots\">Server hot spots</h2>\n<p>200 samples of the server during this run;");
        html.Should().Contain("<table id=\"table-hot-spots-own\">").And.Contain("<table id=\"table-hot-spots-total\">");
        html.Should().Contain("<td>&lt;lambda&gt; (queue_api/db.py:254)</td><td class=\"num\">17</td><td class=\"num\">8.50%</td>");
        html.Should().NotContain("process 4340");
    }

    private static string Chart(string html, string id)
    {
        var match = Regex.Match(html, $"<svg[^>]*data-chart=\"{id}\"[^>]*>.*?</svg>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the page has a chart with data-chart=\"{id}\"");
        return match.Value;
    }

    private static List<string> SeriesPaths(string svg) =>
        [.. PathData().Matches(svg).Select(m => m.Groups["d"].Value).Where(d => d.Length > 0)];

    private static List<long> BarCounts(string svg) =>
        [.. BarCount().Matches(svg).Select(m => long.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex("<path class=\"series\"[^>]* d=\"(?<d>[^\"]*)\"")]
    private static partial Regex PathData();

    [GeneratedRegex("<rect class=\"bar\"[^>]* data-count=\"(?<n>\\d+)\"")]
    private static partial Regex BarCount();
}
