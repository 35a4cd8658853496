using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Reports;

public sealed class TextSummaryExporterTests
{
    private static readonly RunSummary Run = SampleRuns.Realistic() with
    {
        StartedAt = new DateTimeOffset(2020, 11, 9, 13, 2, 42, TimeSpan.FromHours(1)),
        Duration = TimeSpan.FromSeconds(138.75),
        ScenariosLaunched = 619,
        ScenariosCompleted = 618,
        ScenariosFailed = 1,
        SkippedArrivals = 3,
        Requests = 3953,
        FailedRequests = 413,
        ErrorRate = 413 / 3953.0,
        RequestsPerSecond = 28.49,
        Latency = new LatencyStats(3540, 0, 4100.25, 3412, 9000.5, 11993.4, 17865.3, 29000, 30051.4),
        Codes = new Dictionary<string, long> { ["200"] = 2690, ["0"] = 412, ["404"] = 851 },
        Errors = new Dictionary<string, long> { ["timeout"] = 412, ["connection-reset"] = 1 },
        MessagesSent = 0,
        MessagesReceived = 0,
        Scenarios = [SampleRuns.Realistic().Scenarios[0] with { Launched = 200 }, SampleRuns.Realistic().Scenarios[1] with { Launched = 419 }],
    };

    [Fact]
    public void The_summary_follows_the_artillery_layout_with_the_extra_figures()
    {
        var context = new ReportContext(Run, SampleReports.Metadata);

        var text = TextSummaryExporter.Render(context);

        text.Should().Be("""
            Summary report @ 12:02:42(+0000) 2020-11-09
              Run: CSR – Login, load data, idle / smoke
              Scenario: CSR – Login, load data, idle, profile: smoke, run id: 20201109-120142-smoke
              Target: http://127.0.0.1:5123/
              Duration: 138.8 s
              Scenarios launched:  619
              Scenarios completed: 618
              Scenarios failed:    1
              Skipped arrivals:    3
              Requests completed:  3953
              Mean response/sec: 28.49
              Error rate: 10.45% (413 of 3953 failed)
              Response time (msec):
                min: 0
                max: 30051.4
                median: 3412
                p90: 9000.5
                p95: 11993.4
                p99: 17865.3
                p99.9: 29000
              Scenario counts:
                CSR – Login, load data, idle: 200 (32.31%)
                CSR – Websockets: 419 (67.69%)
              Codes:
                Socket.IO (no HTTP status): 412
                200: 2690
                404: 851
              Errors:
                timeout: 412
                connection-reset: 1
              Generator: arrival lag p99 2.5 ms, max 6 ms; CPU 9.5 s (8.00%)
              Generator CPU: 2240.57 µs per request, 0.15 of one core; before the run (start-up, JIT, earlier tests) 3.25 s; rest of the machine during the run 52 s (0.8 cores)
              Budget: none checked

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_generator_bound_run_gets_a_loud_warning_under_the_header()
    {
        var context = new ReportContext(SampleRuns.Realistic(generatorBound: true), SampleReports.Metadata);

        var lines = TextSummaryExporter.Render(context).Split('\n');

        lines[1].Should().Be("WARNING: results may be generator-bound: arrival lag p99 80 ms exceeds 50 ms; generator CPU 95 % exceeds 90 %");
    }

    [Fact]
    public void A_healthy_run_has_no_warning()
    {
        var text = TextSummaryExporter.Render(new ReportContext(Run, SampleReports.Metadata));

        text.Should().NotContain("WARNING");
    }

    [Fact]
    public void A_failed_budget_lists_each_violation()
    {
        var verdict = BudgetEvaluator.Evaluate(Run, new ScenarioBudget(SampleRuns.LoginScenario, "smoke", new BudgetLimits(P95Ms: 10000, ErrorRate: 0.05, MaxSkippedArrivals: 5)));

        var text = TextSummaryExporter.Render(new ReportContext(Run, SampleReports.Metadata, verdict));

        text.Should().EndWith("""
              Budget: FAIL (2 of 3 checks failed, CSR – Login, load data, idle / smoke)
                p95 of scenario 'CSR – Login, load data, idle': 11993.4 ms > budget 10000 ms (+1993.4 ms, +19.9 %)
                error rate of scenario 'CSR – Login, load data, idle': 10.448 % > budget 5 % (+5.448 %, +109 %)

            """.ReplaceLineEndings("\n"));
    }
}
