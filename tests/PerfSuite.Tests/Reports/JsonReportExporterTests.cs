using System.Text.Json;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Reports;

public sealed class JsonReportExporterTests
{
    [Fact]
    public void Histograms_read_back_from_the_json_give_identical_percentiles()
    {
        var run = SampleRuns.Realistic();

        using var json = JsonDocument.Parse(JsonReportExporter.Render(SampleReports.WithVerdict(run)));

        var root = json.RootElement;
        Decode(root.GetProperty("run")).Should().Be(run.Latency);
        root.GetProperty("endpoints").EnumerateArray().Select(Decode).Should().Equal(run.Endpoints.Select(e => e.Latency));
        root.GetProperty("scenarios").EnumerateArray().Select(Decode).Should().Equal(run.Scenarios.Select(s => s.Latency));
    }

    [Fact]
    public void The_document_is_versioned_snake_case_and_holds_the_run_figures()
    {
        var run = SampleRuns.Realistic();

        using var json = JsonDocument.Parse(JsonReportExporter.Render(SampleReports.WithVerdict(run)));

        var root = json.RootElement;
        root.GetProperty("schema").GetString().Should().Be("perfsuite/report/v1");
        var figures = root.GetProperty("run");
        figures.GetProperty("requests_per_second").GetDouble().Should().Be(run.RequestsPerSecond);
        figures.GetProperty("error_rate").GetDouble().Should().Be(run.ErrorRate);
        figures.GetProperty("duration_seconds").GetDouble().Should().Be(60);
        figures.GetProperty("latency").GetProperty("p999_ms").GetDouble().Should().Be(run.Latency.P999Ms);
        figures.GetProperty("codes").EnumerateObject().Select(p => p.Name).Should().Equal("0", "200");
        root.GetProperty("series").GetArrayLength().Should().Be(run.Series.Count);
        root.GetProperty("series")[0].GetProperty("active_users").GetInt32().Should().Be(run.Series[0].ActiveUsers);
        root.GetProperty("generator").GetProperty("arrival_lag").GetProperty("p99_ms").GetDouble().Should().Be(run.Generator.ArrivalLag.P99Ms);
        root.GetProperty("phases")[0].GetProperty("warm_up").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void The_budget_verdict_lists_every_check()
    {
        using var json = JsonDocument.Parse(JsonReportExporter.Render(SampleReports.WithVerdict()));

        var budget = json.RootElement.GetProperty("budget");
        budget.GetProperty("passed").GetBoolean().Should().BeFalse();
        var checks = budget.GetProperty("checks").EnumerateArray().ToList();
        checks.Should().HaveCount(6);
        checks[0].GetProperty("metric").GetString().Should().Be("p95_ms");
        checks[0].GetProperty("scope").GetString().Should().Be("scenario");
        checks[^1].GetProperty("name").GetString().Should().Be("GET /api/v1/gone/");
        checks[^1].GetProperty("actual").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Without_a_budget_the_budget_field_is_null()
    {
        using var json = JsonDocument.Parse(JsonReportExporter.Render(new ReportContext(SampleRuns.Realistic(), SampleReports.Metadata)));

        json.RootElement.GetProperty("budget").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Credentials_in_the_target_url_never_reach_the_report()
    {
        var metadata = new RunMetadata("run-1", SampleRuns.LoginScenario, "smoke", "http://csr:hunter2@127.0.0.1:5123/?token=eyJabc");

        var text = JsonReportExporter.Render(new ReportContext(SampleRuns.Realistic(), metadata));

        text.Should().NotContain("hunter2").And.NotContain("eyJabc").And.NotContain("token");
        text.Should().Contain("\"target_url\": \"http://127.0.0.1:5123/\"");
    }

    private static LatencyStats Decode(JsonElement element) =>
        SampleRuns.Stats(LatencyHistograms.Decode(element.GetProperty("histogram").GetString()!));
}
