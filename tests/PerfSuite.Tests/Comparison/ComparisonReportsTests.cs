using System.Text.Json;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Tests.Comparison;

public sealed class ComparisonReportsTests
{
    private static ComparisonResult Result()
    {
        var baseline = SyntheticRounds.Create(6, 400, 5, 0.3, seed: 1);
        var slow = SyntheticRounds.Create(6, 400, 8, 0.3, seed: 2);
        RunFigures Round(int i, List<RoundFigures> channels) => new(
            baseline[i], new Dictionary<string, RoundFigures> { ["GET /api/v1/channels/"] = channels[i], ["GET /api/v1/citizens/"] = baseline[i] });
        var describe = new ComparisonResult("CSR – Login, load data, idle", "smoke", "main (abc)", "working tree", "6 ABBA rounds", 6,
            ComparisonTolerance.Default, TimeSpan.FromSeconds(95), [], []);
        return ComparisonResult.Create(
            [.. Enumerable.Range(0, 6).Select(i => Round(i, baseline))],
            [.. Enumerable.Range(0, 6).Select(i => Round(i, slow))],
            describe);
    }

    [Fact]
    public void The_result_names_only_the_slowed_endpoint_as_a_regression()
    {
        var result = Result();

        result.HasRegression.Should().BeTrue();
        result.Regressions.Select(r => r.Scope.Name).Distinct().Should().Equal("GET /api/v1/channels/");
    }

    [Fact]
    public void Markdown_has_a_table_per_scope_with_baseline_candidate_delta_interval_and_verdict()
    {
        var md = ComparisonMarkdown.Render(Result());

        md.Should().Contain("| Metric | Baseline | Candidate | Delta | 95 % interval | Verdict | Why |");
        md.Should().Contain("## Endpoint: GET /api/v1/channels/").And.Contain("**REGRESSION**");
        md.Should().Contain("## Scenario: CSR – Login, load data, idle");
    }

    [Fact]
    public void Html_is_self_contained_with_one_percentile_overlay_per_scope()
    {
        var html = ComparisonHtml.Render(Result());

        html.Should().Contain("default-src 'none'").And.NotContain("<script").And.NotContain(" src=").And.NotContain("href=");
        html.Should().Contain("data-series=\"baseline\"").And.Contain("data-series=\"candidate\"");
        html.Should().Contain("percentiles-2");
    }

    [Fact]
    public void Json_carries_the_schema_and_every_metric_of_every_scope()
    {
        using var json = JsonDocument.Parse(ComparisonJson.Render(Result()));

        json.RootElement.GetProperty("schema").GetString().Should().Be("perfsuite/compare/v1");
        json.RootElement.GetProperty("regression").GetBoolean().Should().BeTrue();
        var channels = json.RootElement.GetProperty("scopes").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "GET /api/v1/channels/");
        channels.GetProperty("metrics").GetProperty("p95").GetProperty("verdict").GetString().Should().Be("regression");
    }

    [Fact]
    public void GitHub_gets_one_error_command_per_regression()
    {
        var result = Result();

        var errors = ComparisonReports.GitHubErrors(result).ToList();

        errors.Should().HaveCount(result.Regressions.Count()).And.OnlyContain(e => e.StartsWith("::error title=Performance regression", StringComparison.Ordinal));
    }
}
