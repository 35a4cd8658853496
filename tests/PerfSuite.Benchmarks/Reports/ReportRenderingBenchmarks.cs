using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Cli.Load;
using PerfSuite.Reporting.Reports;

namespace PerfSuite.Benchmarks.Reports;

/// <summary>Rendering each report from a realistic summary (2 scenarios, 5 endpoints, 60 one-second points).</summary>
[Config(typeof(FastConfig))]
public class ReportRenderingBenchmarks
{
    private ReportContext _context = null!;

    [GlobalSetup]
    public void Setup() => _context = SampleSummary.Context();

    [Benchmark]
    public string Text() => TextSummaryExporter.Render(_context);

    [Benchmark]
    public string Json() => JsonReportExporter.Render(_context);

    [Benchmark]
    public string Markdown() => MarkdownReportExporter.Render(_context);

    [Benchmark]
    public string Html() => HtmlReportExporter.Render(_context);

    [Benchmark]
    public string Load_command_result_line() => LoadResultLine.Format(_context.Summary);
}
