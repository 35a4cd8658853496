using System.Text.Json;
using PerfSuite.Lab;
using PerfSuite.Tests.Profiling;

namespace PerfSuite.Tests.Lab.Sampler;

/// <summary>
/// <c>perfsuite-lab sampler-compare</c> with tiny settings against the real reference API (its sampler loaded by post_fork)
/// and the py-spy stand-in: the JSON names both rankings, their agreement and the overhead of each paired round.
/// </summary>
public sealed class SamplerComparisonCommandTests
{
    [Fact]
    public async Task Two_short_rounds_print_one_json_object_with_both_rankings_their_agreement_and_the_overhead()
    {
        using var pySpy = FakePySpy.Create();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LabCommandLine.RunAsync(
            ["sampler-compare", "--py-spy", pySpy.Executable, "--rounds", "2", "--round-seconds", "0.5", "--ranking-seconds", "1", "--users", "2", "--top", "5"],
            output, error);

        exit.Should().Be(0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        root.GetProperty("machine").GetProperty("cores").GetInt32().Should().BeGreaterThan(0);
        var ranking = root.GetProperty("ranking");
        ranking.GetProperty("sampler_samples").GetInt64().Should().BeGreaterThan(0);
        ranking.GetProperty("py_spy_samples").GetInt64().Should().BeGreaterThan(0);
        ranking.GetProperty("py_spy_top").EnumerateArray().Select(f => f.GetProperty("function").GetString())
            .Should().Contain("citizens (queue_api/routes.py)", "the stand-in replays py-spy's recording of this load");
        ranking.GetProperty("sampler_top").GetArrayLength().Should().BeInRange(1, 5);
        ranking.GetProperty("overlap").GetInt32().Should().Be(ranking.GetProperty("common").GetArrayLength());
        pySpy.LoggedArguments().Should().Contain("--subprocesses").And.Contain("raw");
        var overhead = root.GetProperty("overhead");
        overhead.GetProperty("per_round").GetArrayLength().Should().Be(2);
        overhead.GetProperty("per_round")[1].GetProperty("order").GetString().Should().Be("on, off");
        foreach (var metric in new[] { "requests_per_second", "p95_ms" })
        {
            var m = overhead.GetProperty(metric);
            m.GetProperty("off").GetDouble().Should().BeGreaterThan(0);
            m.GetProperty("on").GetDouble().Should().BeGreaterThan(0);
            m.GetProperty("interval_95_percent").GetArrayLength().Should().Be(2);
            m.GetProperty("per_round_change_percent").GetProperty("median").ValueKind.Should().Be(JsonValueKind.Number);
        }
    }

    [Fact]
    public async Task A_missing_py_spy_is_named_before_any_server_starts()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LabCommandLine.RunAsync(["sampler-compare", "--py-spy", "/nonexistent/py-spy"], output, error);

        exit.Should().Be(2);
        error.ToString().Should().StartWith("sampler-compare: --py-spy '/nonexistent/py-spy': not found");
        output.ToString().Should().BeEmpty();
    }
}
