using PerfSuite.Reporting.Reports;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("perfsuite-reports-");

    [Fact]
    public async Task The_standard_writer_writes_four_reports_and_returns_their_paths()
    {
        var log = new List<string>();

        var paths = await ReportWriter.CreateStandard(log.Add).WriteAsync(SampleReports.WithVerdict(), _directory.FullName, TestContext.Current.CancellationToken);

        paths.Select(Path.GetFileName).Should().Equal("summary.txt", "report.json", "report.md", "report.html");
        paths.Should().OnlyContain(p => new FileInfo(p).Length > 0);
        log.Should().HaveCount(4).And.OnlyContain(l => l.StartsWith("report: ", StringComparison.Ordinal) && l.Contains(" written to "));
        _directory.GetFiles().Should().HaveCount(4);
    }

    [Fact]
    public async Task A_failing_exporter_is_logged_and_the_others_are_still_written()
    {
        var log = new List<string>();
        var writer = new ReportWriter([new StubFailingExporter(), new TextSummaryExporter()], log.Add);

        var paths = await writer.WriteAsync(SampleReports.WithVerdict(), _directory.FullName, TestContext.Current.CancellationToken);

        paths.Select(Path.GetFileName).Should().Equal("summary.txt");
        log[0].Should().Be("report: broken failed (broken.txt not written): InvalidOperationException: disk on fire");
        _directory.GetFiles().Select(f => f.Name).Should().Equal("summary.txt");
    }

    [Fact]
    public async Task Cancellation_stops_the_write()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var write = () => ReportWriter.CreateStandard().WriteAsync(SampleReports.WithVerdict(), _directory.FullName, cancelled.Token);

        await write.Should().ThrowAsync<OperationCanceledException>();
        _directory.GetFiles().Should().BeEmpty();
    }

    [Fact]
    public void Two_exporters_writing_the_same_file_are_rejected()
    {
        var create = () => new ReportWriter([new TextSummaryExporter(), new TextSummaryExporter()]);

        create.Should().Throw<ArgumentException>().WithMessage("*summary.txt*");
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private sealed class StubFailingExporter : IReportExporter
    {
        public string Name => "broken";

        public string FileName => "broken.txt";

        public async Task ExportAsync(ReportContext context, TextWriter destination, CancellationToken cancellationToken)
        {
            await destination.WriteAsync("half a report");
            throw new InvalidOperationException("disk on fire");
        }
    }
}
