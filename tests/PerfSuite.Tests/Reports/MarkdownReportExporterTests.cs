using PerfSuite.Reporting.Profiles;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Profiles;
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

    [Fact]
    public void A_profiled_run_ends_with_the_server_hot_spots_by_own_and_by_total_samples()
    {
        var hotSpots = ServerHotSpots.From(CollapsedStacks.Parse(PySpySamples.Raw), "Recorded: pid 4340.");

        var markdown = MarkdownReportExporter.Render(SampleReports.WithVerdict() with { HotSpots = hotSpots });

        var section = markdown[markdown.IndexOf("## Server hot spots", StringComparison.Ordinal)..];
        section.Should().StartWith("## Server hot spots\n\n200 samples of the server during this run; percent of these samples, process frames stripped. Recorded: pid 4340.\n");
        section.Should().Contain("### By own samples (the function itself was running)\n\n| \\# | Function (file:line) | Own samples | Own % | Total samples | Total % |\n|---:|---|---:|---:|---:|---:|\n");
        section.Should().Contain("| 1 | do\\_poll (eventlet/hubs/epolls.py:31) \\[idle polling, not a hot spot\\] | 75 | 37.50% | 75 | 37.50% |");
        section.Should().Contain("| 3 | \\<lambda\\> (queue\\_api/db.py:254) | 17 | 8.50% | 24 | 12.00% |");
        section.Should().Contain("### By total samples (the function or what it called)\n");
        section.Should().Contain("| 1 | main (eventlet/greenthread.py:221) | 0 | 0.00% | 117 | 58.50% |");
        section.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| \\#", StringComparison.Ordinal)).Should().Be(30 + 1 + 4 + hotSpots.YourCode.Count, "the flat tables, the split (its header and 4 rows) and your code");
        section.Should().NotContain("process 4340");
    }

    [Fact]
    public void A_run_without_a_profile_says_why_and_an_unprofiled_run_has_no_such_section()
    {
        var missing = MarkdownReportExporter.Render(SampleReports.WithVerdict() with { HotSpots = ServerHotSpots.Unavailable("py-spy ('py-spy') is not on PATH.") });
        var unprofiled = MarkdownReportExporter.Render(SampleReports.WithVerdict());

        missing.Should().EndWith("## Server hot spots\n\nNo server profile for this run: py-spy ('py-spy') is not on PATH.\n");
        unprofiled.Should().NotContain("Server hot spots");
    }
}
