using System.Globalization;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Sharding;
using PerfSuite.Tests.Support;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Sharding;

/// <summary>
/// The built <c>perfsuite</c> tool as separate processes on loopback: one plan run once whole and once as 2 and as 3 shards
/// (all six processes started together, the shards on one <c>PERF_START_AT</c>), then <c>perfsuite merge</c> over each
/// group's shard directories: the merged counts equal the whole run's exactly. Latencies differ from run to run; counts do not.
/// </summary>
public sealed class ShardedProcessesEndToEndTests(QueueApiFixture api) : IClassFixture<QueueApiFixture>, IDisposable
{
    private static readonly TimeSpan ProcessBound = TimeSpan.FromSeconds(150);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfsuite-shard-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Load_of_a_static_server_as_2_and_3_shard_processes_merges_to_the_whole_runs_counts()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        string[] load = ["load", "--url", new Uri(server.BaseUri, "/static.txt").ToString(), "--rate", "20", "--duration", "2", "--max-vusers", "50"];

        var (whole, merges) = await RunWholeAndShardedAsync((directory, shard) => [.. load, "--report-dir", directory, .. Shard(shard)]);

        whole.Requests.Should().Be(40, "20 arrivals a second for 2 s, one request each");
        whole.FailedRequests.Should().Be(0);
        server.Requests.Should().Be(3 * 40, "the whole run and each group of shards sent the plan's 40 requests once");
        foreach (var merged in merges)
        {
            AssertSameCounts(merged, whole);
        }
    }

    [Fact]
    public async Task Run_of_a_script_against_the_reference_api_as_2_and_3_shard_processes_merges_to_the_whole_runs_counts()
    {
        Directory.CreateDirectory(_root);
        var script = Path.Combine(_root, "sharded.yml");
        await File.WriteAllTextAsync(script, """
            config:
              phases:
                - { duration: 2, arrivalRate: 5, rampTo: 15 }
                - { duration: 1, arrivalRate: 10 }
            scenarios:
              - name: health
                weight: 3
                flow:
                  - get: { url: "/api/v1/healthz", expect: [ { statusCode: 200 } ] }
              - name: missing
                weight: 1
                flow:
                  - get: { url: "/api/v1/healthz" }
                  - get: { url: "/api/v1/no-such-route/", expect: [ { statusCode: 200 } ] }
            """, TestContext.Current.CancellationToken);
        string[] run = ["run", script, "--target", api.Api.BaseUri.ToString()];

        var (whole, merges) = await RunWholeAndShardedAsync((directory, shard) => [.. run, "--report-dir", directory, .. Shard(shard)]);

        whole.Requests.Should().BeGreaterThan(25);
        whole.FailedRequests.Should().BeGreaterThan(0, "the 'missing' scenario's second request gets no 200");
        whole.Scenarios.Should().HaveCount(2).And.OnlyContain(s => s.Launched > 0);
        foreach (var merged in merges)
        {
            AssertSameCounts(merged, whole);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string[] Shard(string? shard) => shard is null ? [] : ["--shard", shard];

    private static void AssertSameCounts(RunSummary merged, RunSummary whole)
    {
        merged.Phases.Select(p => p.Arrivals).Should().Equal(whole.Phases.Select(p => p.Arrivals));
        merged.Series.Sum(p => p.Arrivals).Should().Be(whole.Series.Sum(p => p.Arrivals));
        merged.ScenariosLaunched.Should().Be(whole.ScenariosLaunched);
        merged.ScenariosCompleted.Should().Be(whole.ScenariosCompleted);
        merged.ScenariosFailed.Should().Be(whole.ScenariosFailed);
        merged.SkippedArrivals.Should().Be(whole.SkippedArrivals);
        merged.Requests.Should().Be(whole.Requests);
        merged.FailedRequests.Should().Be(whole.FailedRequests);
        merged.Codes.Should().Equal(whole.Codes);
        merged.Errors.Should().Equal(whole.Errors);
        merged.Scenarios.Select(s => (s.Name, s.Launched, s.Requests)).Should().Equal(whole.Scenarios.Select(s => (s.Name, s.Launched, s.Requests)));
        merged.Endpoints.Select(e => (e.Name, e.Requests, e.FailedRequests)).Should().BeEquivalentTo(whole.Endpoints.Select(e => (e.Name, e.Requests, e.FailedRequests)));
        LatencyHistograms.Decode(merged.Histogram).TotalCount.Should().Be(LatencyHistograms.Decode(whole.Histogram).TotalCount);
    }

    // Starts the whole run and the 2 + 3 shards as six processes on one common start, waits for each (bounded), then
    // merges each group with 'perfsuite merge' (a process too) and reads the reports back.
    private async Task<(RunSummary Whole, IReadOnlyList<RunSummary> Merged)> RunWholeAndShardedAsync(Func<string, string?, string[]> arguments)
    {
        var ct = TestContext.Current.CancellationToken;
        var startAt = DateTimeOffset.UtcNow.AddSeconds(20).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var runId = "e2e-" + Path.GetFileName(_root);
        var environment = new Dictionary<string, string> { ["PERF_START_AT"] = startAt, ["PERF_RUN_ID"] = runId };
        var runs = new List<(string Name, string Directory, string? Shard)> { ("whole", Path.Combine(_root, "whole"), null) };
        foreach (var count in new[] { 2, 3 })
        {
            runs.AddRange(Enumerable.Range(1, count).Select(i => ($"{i}/{count}", Path.Combine(_root, $"of{count}", $"shard-{i}"), (string?)$"{i}/{count}")));
        }

        var processes = new List<CliProcess>();
        try
        {
            processes.AddRange(runs.Select(r => CliProcess.Start(arguments(r.Directory, r.Shard), environment)));
            for (var i = 0; i < runs.Count; i++)
            {
                (await processes[i].WaitForExitAsync(ProcessBound)).Should().Be(0, $"{runs[i].Name} exits 0 (a shard is not gated on its share); stderr:\n{processes[i].StandardError}");
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        foreach (var (name, directory, shard) in runs.Where(r => r.Shard is not null))
        {
            Directory.EnumerateFiles(directory).Select(Path.GetFileName).Should().Contain(["report.md", "report.json", "report.html", "summary.txt", "violations.txt", "shard.json"], name);
            Directory.EnumerateFiles(Path.Combine(directory, "hlog"), "*.hlog").Should().NotBeEmpty(name);
            var manifest = ShardManifest.Read(Path.Combine(directory, ShardManifest.FileName));
            (manifest.RunId, $"{manifest.ShardIndex}/{manifest.ShardCount}").Should().Be((runId, shard!), name);
            manifest.StartAt.Should().Be(DateTimeOffset.Parse(startAt, CultureInfo.InvariantCulture), name);
        }

        var merged = new List<RunSummary>();
        foreach (var count in new[] { 2, 3 })
        {
            var shards = runs.Where(r => r.Shard?.EndsWith($"/{count}", StringComparison.Ordinal) == true).Select(r => r.Directory).ToList();
            var into = Path.Combine(_root, $"merged{count}");
            await using var merge = CliProcess.Start(["merge", .. shards, "--report-dir", into, "--max-start-lag", "60"]);
            (await merge.WaitForExitAsync(ProcessBound)).Should().Be(0, $"the merge of {count} shards meets the budget; stderr:\n{merge.StandardError}");

            var largest = shards.Select(d => ShardManifest.Read(Path.Combine(d, ShardManifest.FileName))).MaxBy(m => m.StartLag)!;
            var markdown = await File.ReadAllTextAsync(Path.Combine(into, "report.md"), ct);
            markdown.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"merged from {count} shards"))
                .And.Contain(string.Create(CultureInfo.InvariantCulture, $"largest start lag {largest.StartLag.TotalMilliseconds:0.#} ms"), "the merged report shows the largest lag of its shards");
            File.Exists(Path.Combine(into, "violations.txt")).Should().BeTrue();
            merged.Add(PerfSuite.Reporting.Sharding.ReportJsonReader.Read(Path.Combine(into, "report.json")).Summary);
            if (Environment.GetEnvironmentVariable("PERF_SHARD_E2E_EXAMPLE") is { Length: > 0 } example && count == 3)
            {
                File.Copy(Path.Combine(into, "report.md"), example, overwrite: true);
            }
        }

        return (PerfSuite.Reporting.Sharding.ReportJsonReader.Read(Path.Combine(_root, "whole", "report.json")).Summary, merged);
    }
}
