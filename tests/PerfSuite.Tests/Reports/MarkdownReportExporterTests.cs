using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Reports;

public sealed class MarkdownReportExporterTests
{
    public static TheoryData<string, string> Headlines => new()
    {
        { "fail", "# ❌ FAIL: CSR – Login, load data, idle · smoke" },
        { "pass", "# ✅ PASS: CSR – Login, load data, idle · smoke" },
        { "none", "# ⚪ NO BUDGET: CSR – Login, load data, idle · smoke" },
    };

    [Theory]
    [MemberData(nameof(Headlines))]
    public void The_headline_says_pass_or_fail_with_scenario_and_profile(string outcome, string expected)
    {
        var run = SampleRuns.Realistic();
        var verdict = outcome switch
        {
            "fail" => BudgetEvaluator.Evaluate(run, SampleReports.FailingBudget),
            "pass" => BudgetEvaluator.Evaluate(run, new ScenarioBudget(SampleRuns.LoginScenario, "smoke", new BudgetLimits(P99Ms: 1000))),
            _ => null,
        };

        var markdown = MarkdownReportExporter.Render(new ReportContext(run, SampleReports.Metadata, verdict));

        markdown.Split('\n')[0].Should().Be(expected);
    }

    [Fact]
    public void The_budget_table_shows_each_check_with_its_result_and_excess()
    {
        var markdown = MarkdownReportExporter.Render(SampleReports.WithVerdict());

        markdown.Should().Contain("**3 of 6 budget checks failed.**");
        markdown.Should().Contain("| Metric | Scope | Budget | Actual | Result | Over budget / to spare |\n|---|---|---:|---:|---|---:|\n");
        markdown.Should().Contain("| p95 | scenario CSR – Login, load data, idle | ≤ 60 ms | 79.17 ms | ❌ fail | +19.17 ms, +31.9 % |");
        markdown.Should().Contain("| throughput | scenario CSR – Login, load data, idle | ≥ 50 req/s | 70 req/s | ✅ pass | 20 req/s to spare (40 %) |");
        markdown.Should().Contain("| p95 | endpoint GET /api/v1/gone/ | ≤ 100 ms | no samples | ❌ fail |  |");
    }

    [Fact]
    public void Every_endpoint_has_a_percentile_row_and_names_are_escaped()
    {
        var run = SampleRuns.Realistic();
        var piped = run with { Endpoints = [.. run.Endpoints, run.Endpoints[0] with { Name = "GET /a|b/*x*" }] };

        var markdown = MarkdownReportExporter.Render(new ReportContext(piped, SampleReports.Metadata));

        markdown.Should().Contain("| All requests |  | 4200 | 7 | 0.17% | 25.63 | 62.85 | 79.17 | 120.83 | 220.67 | 299.01 | 32.24 |");
        markdown.Should().Contain("| GET /api/v1/appointments/{appointment\\_id}/ | http | 1200 |");
        markdown.Should().Contain("| GET /a\\|b/\\*x\\* | http |");
        markdown.Should().Contain("## Codes").And.Contain("| connection-reset | 6 |").And.Contain("## Generator health");
    }

    [Fact]
    public void A_generator_bound_run_carries_a_warning()
    {
        var markdown = MarkdownReportExporter.Render(SampleReports.WithVerdict(SampleRuns.Realistic(generatorBound: true)));

        markdown.Should().Contain("> ⚠️ **WARNING: results may be generator-bound:** arrival lag p99 80 ms exceeds 50 ms; generator CPU 95 % exceeds 90 %");
    }
}
