using System.Net;
using HdrHistogram;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Sharding;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.Sharding;

public sealed class ShardMergeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfsuite-shard-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static LoadProfile Mixed() => new("mixed",
    [
        new ArrivalPhase("warm", TimeSpan.FromSeconds(2), 3) { WarmUp = true },
        new ArrivalPhase("steady", TimeSpan.FromSeconds(3), 7) { MaxVusers = 50 },
        new ConstantUsersPhase("users", TimeSpan.FromSeconds(3), 5),
        new PausePhase("rest", TimeSpan.FromSeconds(1)),
        new ArrivalPhase("ramp", TimeSpan.FromSeconds(4), 2) { RampTo = 11 },
        new RampingUsersPhase("more", TimeSpan.FromSeconds(3), 1, 4),
    ]);

    private static LoadRunOptions Options(LoadShard shard) =>
        new(new Uri("http://127.0.0.1:9/"),
            [
                Scenario.Create("browse", 3).Get("/ok").Think(TimeSpan.FromMilliseconds(300)).Get("/bad").Build(),
                Scenario.Create("buy", 1).Get("/ok").Get("/ok").Build(),
            ],
            Mixed())
        {
            TimeProvider = new FakeTimeProvider(),
            HttpHandlerFactory = () => new StatusHandler(),
            Shard = shard,
        };

    private static Task<RunSummary> RunAsync(LoadRunOptions options) =>
        ((FakeTimeProvider)options.TimeProvider).RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(120));

    private async Task<string> WriteShardAsync(RunSummary summary, LoadRunOptions options, string runId, TimeSpan lag, string? name = null)
    {
        var directory = Path.Combine(_root, name ?? $"shard-{options.Shard.Index}-of-{options.Shard.Count}-{Guid.NewGuid():N}");
        var metadata = new RunMetadata(runId, "mix", "mixed", "http://127.0.0.1:9/") { Sharding = summary.Shard.Describe() };
        await ReportWriter.CreateStandard().WriteAsync(new ReportContext(summary, metadata), directory, CancellationToken.None);
        var budget = new ScenarioBudget("mix", "mixed", new BudgetLimits(ErrorRate: 0.9));
        await new ShardManifest(runId, ShardManifest.Fingerprint(options), options.Shard.Index, options.Shard.Count, "mix", "mixed", null, summary.StartedAt, lag)
        {
            Budget = budget,
        }.WriteAsync(directory, CancellationToken.None);
        return directory;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_run_split_into_shards_and_merged_has_the_whole_runs_counts_exactly(int count)
    {
        var whole = await RunAsync(Options(LoadShard.Whole));
        var directories = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var options = Options(new LoadShard(i, count));
            directories.Add(await WriteShardAsync(await RunAsync(options), options, "run-1", TimeSpan.FromMilliseconds(i)));
        }

        var merged = ShardMerge.Merge(directories);
        var m = merged.Summary;
        whole.Requests.Should().BeGreaterThan(100);
        whole.FailedRequests.Should().BeGreaterThan(10);
        whole.Scenarios.Should().OnlyContain(s => s.Launched > 0);

        m.Phases.Select(p => p.Arrivals).Should().Equal(whole.Phases.Select(p => p.Arrivals));
        m.Series.Sum(p => p.Arrivals).Should().Be(whole.Series.Sum(p => p.Arrivals));
        m.ScenariosLaunched.Should().Be(whole.ScenariosLaunched);
        m.ScenariosCompleted.Should().Be(whole.ScenariosCompleted);
        m.ScenariosFailed.Should().Be(whole.ScenariosFailed);
        m.Requests.Should().Be(whole.Requests);
        m.FailedRequests.Should().Be(whole.FailedRequests);
        m.Codes.Should().Equal(whole.Codes);
        m.Errors.Should().Equal(whole.Errors);
        m.Scenarios.Select(s => (s.Name, s.Launched, s.Requests)).Should().Equal(whole.Scenarios.Select(s => (s.Name, s.Launched, s.Requests)));
        m.Endpoints.Select(e => (e.Name, e.Requests, e.FailedRequests)).Should().BeEquivalentTo(whole.Endpoints.Select(e => (e.Name, e.Requests, e.FailedRequests)));
        LatencyHistograms.Decode(m.Histogram).TotalCount.Should().Be(LatencyHistograms.Decode(whole.Histogram).TotalCount);
        merged.Metadata.Sharding.Should().StartWith($"merged from {count} shards").And.Contain($"largest start lag {count} ms (shard {count})");
        merged.Verdict.Passed.Should().BeTrue();

        var report = Path.Combine(_root, $"merged-{count}");
        var files = await ShardMerge.WriteAsync(merged, report, CancellationToken.None);
        files.Select(Path.GetFileName).Should().Contain(["report.md", "report.json", "report.html", "violations.txt"]);
        (await File.ReadAllTextAsync(Path.Combine(report, "report.md"), TestContext.Current.CancellationToken)).Should().Contain($"Sharding: merged from {count} shards");
        if (Environment.GetEnvironmentVariable("PERF_SHARD_EXAMPLE") is { } example && count == 3)
        {
            File.Copy(Path.Combine(report, "report.md"), example, overwrite: true);
        }
    }

    [Fact]
    public void Latencies_split_across_shards_merge_to_exactly_the_single_histogram()
    {
        var random = new Random(7);
        var single = LatencyHistograms.Create();
        var shards = Enumerable.Range(0, 3).Select(_ => LatencyHistograms.Create()).ToArray();
        for (var k = 0; k < 200_000; k++)
        {
            // Log-normal-ish: most around milliseconds, a long tail to seconds.
            var micros = LatencyHistograms.Clamp((long)Math.Exp(6 + (random.NextDouble() * 9)));
            single.RecordValue(micros);
            shards[random.Next(3)].RecordValue(micros);
        }

        var parts = shards.Select(h => Summary(LatencyHistograms.Encode(h))).ToList();
        var merged = ShardMerge.MergeSummaries(parts);
        var histogram = LatencyHistograms.Decode(merged.Histogram);

        histogram.TotalCount.Should().Be(single.TotalCount);
        histogram.GetMaxValue().Should().Be(single.GetMaxValue());
        for (var percentile = 0.0; percentile <= 100.0; percentile += 0.1)
        {
            histogram.GetValueAtPercentile(percentile).Should().Be(single.GetValueAtPercentile(percentile), $"p{percentile:0.0}");
        }

        histogram.GetValueAtPercentile(99.999).Should().Be(single.GetValueAtPercentile(99.999));
        merged.Latency.Should().Be(LatencyHistograms.Stats(single));
        merged.Endpoints.Single().Latency.Should().Be(LatencyHistograms.Stats(single));
    }

    [Fact]
    public async Task A_missing_duplicated_or_foreign_shard_is_refused_by_name()
    {
        var one = Options(new LoadShard(1, 3));
        var two = Options(new LoadShard(2, 3));
        var s1 = await RunAsync(one);
        var s2 = await RunAsync(two);
        var d1 = await WriteShardAsync(s1, one, "run-1", TimeSpan.Zero, "a");
        var d2 = await WriteShardAsync(s2, two, "run-1", TimeSpan.Zero, "b");
        var d2Again = await WriteShardAsync(s2, two, "run-1", TimeSpan.Zero, "c");
        var otherRun = await WriteShardAsync(s2, two, "run-2", TimeSpan.Zero, "d");
        var otherPlan = Options(new LoadShard(3, 3)) with { Profile = new LoadProfile("other", [new ArrivalPhase("p", TimeSpan.FromSeconds(1), 1)]) };
        var d3Foreign = await WriteShardAsync(await RunAsync(otherPlan), otherPlan, "run-1", TimeSpan.Zero, "e");
        var late = Options(new LoadShard(3, 3));
        var d3Late = await WriteShardAsync(await RunAsync(late), late, "run-1", TimeSpan.FromSeconds(9), "f");

        Problems([d1, d2]).Should().ContainSingle().Which.Should().Be("shard 3 of 3 missing (run 'run-1')");
        Problems([d1, d2, d2Again]).Should().Contain($"shard 2 of 3 given more than once: {d2}, {d2Again}");
        Problems([d1, otherRun]).Should().Contain(p => p.StartsWith($"shard 2 of 3 ({otherRun}) is of run 'run-2'", StringComparison.Ordinal) && p.EndsWith("shards of different runs", StringComparison.Ordinal));
        Problems([d1, d2, d3Foreign]).Should().ContainSingle(p => p.StartsWith($"shard 3 of 3 ({d3Foreign}) ran plan ", StringComparison.Ordinal) && p.EndsWith("shards of different plans", StringComparison.Ordinal));
        Problems([d1, d2, d3Late]).Should().ContainSingle().Which.Should().Be($"shard 3 of 3 ({d3Late}) started 9000 ms after the common start, more than the bound of 5000 ms");
        Problems([d1, d2, _root]).Should().Contain($"{_root}: no shard.json: not a shard's report directory");
        ShardMerge.Merge([d1, d2, d3Late], TimeSpan.FromSeconds(10)).Shards.Should().HaveCount(3);

        // The CLI front end: 2 and every problem on standard error when refused; 0 and the files when the budget is met.
        var error = new StringWriter();
        (await PerfSuite.Cli.CommandLine.RunAsync(["merge", d1, d2], new StringWriter(), error)).Should().Be(2);
        error.ToString().Should().Contain("shard 3 of 3 missing (run 'run-1')");
        var output = new StringWriter();
        var merged = Path.Combine(_root, "merged");
        (await PerfSuite.Cli.CommandLine.RunAsync(["merge", d1, d2, d3Late, "--report-dir", merged, "--max-start-lag", "10"], output, new StringWriter())).Should().Be(0);
        output.ToString().Should().Contain(Path.Combine(merged, "report.md"));
    }

    [Fact]
    public async Task The_interval_logs_are_read_back_by_HdrHistograms_own_log_reader()
    {
        var options = Options(new LoadShard(1, 2));
        var summary = await RunAsync(options);
        var files = await ShardIntervalLog.WriteAsync(summary, _root, CancellationToken.None);

        files.Select(Path.GetFileName).Should().BeEquivalentTo(["all.hlog", "series.hlog", .. summary.Endpoints.Select(e => ShardIntervalLog.FileName(e.Name))]);
        using (var seriesStream = File.OpenRead(files[^1]))
        using (var seriesReader = new HistogramLogReader(seriesStream))
        {
            var seconds = seriesReader.ReadHistograms().ToList();
            seconds.Should().HaveCount(summary.Series.Count, "one interval per second of the run");
            seconds.Select(h => h.TotalCount).Should().Equal(summary.Series.Select(p => p.Latency is { } l ? LatencyHistograms.Decode(l).TotalCount : 0));
            seconds.Sum(h => h.TotalCount).Should().BeGreaterThan(0);
            seconds.Select(h => h.StartTimeStamp).Should().BeInAscendingOrder();
        }

        foreach (var (file, encoded) in files.SkipLast(1).Zip(summary.Endpoints.Select(e => e.Histogram).Prepend(summary.Histogram)))
        {
            using var stream = File.OpenRead(file);
            using var reader = new HistogramLogReader(stream);
            var read = reader.ReadHistograms().ToList();
            var expected = LatencyHistograms.Decode(encoded);
            read.Should().ContainSingle();
            read[0].TotalCount.Should().Be(expected.TotalCount, file);
            read[0].GetMaxValue().Should().Be(expected.GetMaxValue(), file);
            read[0].GetValueAtPercentile(95).Should().Be(expected.GetValueAtPercentile(95), file);
        }
    }

    [Fact]
    public async Task The_merged_series_percentiles_are_those_of_every_shards_latencies_in_that_second_not_the_worst_shards()
    {
        // Second 0: shard 1 answered 100 requests in 10 ms, shard 2 900 in 1 ms: the merged median is 1 ms, the worst shard's 10 ms.
        var directories = new List<string>();
        var union = LatencyHistograms.Create();
        foreach (var (index, count, microseconds) in new[] { (1, 100, 10_000L), (2, 900, 1_000L) })
        {
            var options = Options(new LoadShard(index, 2));
            var summary = await RunAsync(options);
            var second = LatencyHistograms.Create();
            second.RecordValueWithCount(microseconds, count);
            union.RecordValueWithCount(microseconds, count);
            summary = summary with
            {
                Series = [.. summary.Series.Select(p => p.Second == 0
                    ? p with { P50Ms = microseconds / 1000.0, P95Ms = microseconds / 1000.0, P99Ms = microseconds / 1000.0, Latency = LatencyHistograms.Encode(second) }
                    : p)],
            };
            var directory = await WriteShardAsync(summary, options, "run-1", TimeSpan.Zero);
            await ShardIntervalLog.WriteAsync(summary, directory, CancellationToken.None);
            directories.Add(directory);
        }

        var merged = ShardMerge.Merge(directories).Summary.Series[0];

        merged.P50Ms.Should().Be(union.GetValueAtPercentile(50) / 1000.0).And.BeLessThan(2, "900 of the second's 1000 requests took 1 ms");
        merged.P95Ms.Should().Be(union.GetValueAtPercentile(95) / 1000.0);
        merged.P99Ms.Should().Be(union.GetValueAtPercentile(99) / 1000.0);
        LatencyHistograms.Decode(merged.Latency!).TotalCount.Should().Be(1000);
    }

    [Fact]
    public async Task A_manifest_round_trips_with_its_budget()
    {
        var manifest = new ShardManifest("run-1", "abc", 2, 4, "mix", "smoke", new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 7, 23, 0, 0, 12, TimeSpan.Zero), TimeSpan.FromMilliseconds(12))
        {
            Budget = new ScenarioBudget("mix", "smoke", new BudgetLimits(P95Ms: 200), [new EndpointBudget("GET /", new BudgetLimits(ErrorRate: 0.01))]),
        };
        var path = await manifest.WriteAsync(_root, CancellationToken.None);

        var read = ShardManifest.Read(path);

        read.Should().BeEquivalentTo(manifest);
        (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Should().Contain("\"semantics\": \"shard 2 of 4: 25 % of each phase\"");
    }

    [Fact]
    public async Task The_common_start_waits_for_the_instant_and_records_the_lag()
    {
        var time = new FakeTimeProvider();
        var wait = ShardStart.WaitAsync(time.GetUtcNow() + TimeSpan.FromSeconds(5), time, CancellationToken.None);
        wait.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(5));
        (await wait).Should().Be(TimeSpan.Zero);

        (await ShardStart.WaitAsync(time.GetUtcNow() - TimeSpan.FromSeconds(2), time, CancellationToken.None)).Should().Be(TimeSpan.FromSeconds(2));
        (await ShardStart.WaitAsync(null, time, CancellationToken.None)).Should().Be(TimeSpan.Zero);

        var past = () => ShardStart.WaitAsync(time.GetUtcNow() - TimeSpan.FromSeconds(40), time, CancellationToken.None);
        (await past.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("is already 40 s past on this machine's clock").And.Contain("bound of 30 s");
        var ahead = () => ShardStart.WaitAsync(time.GetUtcNow() + TimeSpan.FromHours(2), time, CancellationToken.None);
        (await ahead.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("min ahead");
    }

    [Theory]
    [InlineData("PERF_SHARD=2/4", 2, 4)]
    [InlineData("JOB_COMPLETION_INDEX=0;PERF_SHARDS=3", 1, 3)]
    [InlineData("JOB_COMPLETION_INDEX=2;PERF_SHARDS=3", 3, 3)]
    public void Settings_read_the_shard_from_the_matrix_or_the_indexed_job(string variables, int index, int count)
    {
        var settings = PerfSettings.Parse(Read(variables), ["smoke"], []);

        settings.Shard.Should().Be(new LoadShard(index, count));
    }

    [Theory]
    [InlineData("PERF_SHARD=5/4", "PERF_SHARD must be i/N with 1 <= i <= N, e.g. 2/4 (was '5/4')")]
    [InlineData("PERF_SHARDS=3", "PERF_SHARDS=3 is set but JOB_COMPLETION_INDEX is not")]
    [InlineData("PERF_SHARDS=3;JOB_COMPLETION_INDEX=3", "JOB_COMPLETION_INDEX='3' must be a whole number from 0 to 2 (PERF_SHARDS=3).")]
    [InlineData("PERF_START_AT=tomorrow", "PERF_START_AT='tomorrow' must be a UTC instant")]
    [InlineData("PERF_START_AT=2026-12-07T23:00:00", "PERF_START_AT='2026-12-07T23:00:00' must be a UTC instant")]
    public void Settings_name_a_bad_shard_variable(string variables, string problem)
    {
        var parse = () => PerfSettings.Parse(Read(variables), ["smoke"], []);

        parse.Should().Throw<PerfSettingsException>().Which.Message.Should().Contain(problem);
    }

    [Fact]
    public void Settings_read_the_common_start_as_utc()
    {
        PerfSettings.Parse(Read("PERF_START_AT=2026-12-07T23:00:00Z"), ["smoke"], []).StartAt.Should().Be(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
        PerfSettings.Parse(Read("PERF_SHARD=1/1"), ["smoke"], []).StartAt.Should().BeNull();
    }

    private static Func<string, string?> Read(string variables)
    {
        var map = variables.Split(';').Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);
        return name => map.GetValueOrDefault(name);
    }

    private static IReadOnlyList<string> Problems(IReadOnlyList<string> directories)
    {
        var merge = () => ShardMerge.Merge(directories);
        return merge.Should().Throw<ShardMergeException>().Which.Problems;
    }

    private static RunSummary Summary(string histogram)
    {
        var stats = LatencyHistograms.Stats(LatencyHistograms.Decode(histogram));
        var count = stats.Count;
        var endpoint = new EndpointSummary("GET /", "http", count, 0, stats, new Dictionary<string, long> { ["200"] = count }, new Dictionary<string, long>(), histogram);
        return new RunSummary("r", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(10), count, count, 0, 0, count, 0, 0, count / 10.0, stats,
            endpoint.Codes, endpoint.Errors, 0, 0, [new ScenarioSummary("s", count, count, 0, 0, count, 0, stats, [endpoint], histogram)], [endpoint], [],
            new GeneratorHealth(LatencyStats.Empty, 0, 0, false, []), [new PhaseSummary("p", "1/s for 10 s", TimeSpan.FromSeconds(10), false, count)], histogram);
    }

    private sealed class StatusHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(request.RequestUri!.AbsolutePath == "/bad" ? HttpStatusCode.InternalServerError : HttpStatusCode.OK)
            {
                Content = new StringContent("ok"),
            });
    }
}
