using System.Text.Json;
using PerfSuite.Cli.Load;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Cli.Load;

public sealed class LoadResultLineTests
{
    [Fact]
    public void The_line_copies_the_summary_figures_without_recomputing_them()
    {
        var summary = SampleRuns.Realistic(generatorBound: true);

        var line = LoadResultLine.Format(summary);

        line.Should().NotContain("\n");
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        root.GetProperty("requests").GetInt64().Should().Be(summary.Requests);
        root.GetProperty("errors").GetInt64().Should().Be(summary.FailedRequests);
        root.GetProperty("error_rate").GetDouble().Should().Be(summary.ErrorRate);
        root.GetProperty("rps").GetDouble().Should().BeApproximately(summary.RequestsPerSecond, 0.05);
        root.GetProperty("latency_ms").GetProperty("p99").GetDouble().Should().Be(summary.Latency.P99Ms);
        root.GetProperty("latency_ms").GetProperty("max").GetDouble().Should().Be(summary.Latency.MaxMs);
        root.GetProperty("arrival_lag_ms").GetProperty("p99").GetDouble().Should().Be(summary.Generator.ArrivalLag.P99Ms);
        root.GetProperty("codes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()).Should().Equal(summary.Codes);
        root.GetProperty("error_kinds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()).Should().Equal(summary.Errors);
        root.GetProperty("skipped_arrivals").GetInt64().Should().Be(summary.SkippedArrivals);
        root.GetProperty("generator_bound").GetBoolean().Should().BeTrue();
    }
}
