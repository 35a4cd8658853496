using System.Net;
using HdrHistogram;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Sharding;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.Sharding;

/// <summary>
/// Each endpoint's <c>hlog/*.hlog</c> holds one interval per second of the run, placed by HdrHistogram's own
/// <see cref="HistogramLogReader"/> at the run's start + that second, and its intervals add up exactly to the
/// endpoint's histogram; the merge adds them second by second.
/// </summary>
public sealed class EndpointIntervalLogTests : IDisposable
{
    // 2 arrivals a second for 2 s, then 4 a second for 2 s; each user thinks 100 ms (off the whole seconds), then sends
    // GET /a and GET /b at the same virtual instant: per endpoint 2, 2, 4, 4 requests in seconds 0 to 3.
    private static readonly long[] PerSecond = [2, 2, 4, 4];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfsuite-hlog-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static LoadRunOptions Options(LoadShard shard, FakeTimeProvider time, bool intervals = true) =>
        new(new Uri("http://127.0.0.1:9/"),
            [Scenario.Create("pair").Think(TimeSpan.FromMilliseconds(100)).Get("/a").Get("/b").Build()],
            new LoadProfile("steps", [new ArrivalPhase("two", TimeSpan.FromSeconds(2), 2), new ArrivalPhase("four", TimeSpan.FromSeconds(2), 4)]))
        {
            TimeProvider = time,
            HttpHandlerFactory = () => new SecondPacedHandler(time),
            Shard = shard,
            EndpointIntervals = intervals,
        };

    private static Task<RunSummary> RunAsync(LoadRunOptions options) =>
        ((FakeTimeProvider)options.TimeProvider).RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

    // The file is ASCII, as HdrHistogram's tools write it; HdrHistogram.NET's reader reads UTF-16, so it is handed the same text so.
    private static List<HistogramBase> ReadLog(string path, out DateTime startTime)
    {
        var text = File.ReadAllText(path);
        using var stream = new MemoryStream([.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)]);
        using var reader = new HistogramLogReader(stream);
        var intervals = reader.ReadHistograms().ToList();
        startTime = reader.GetStartTime();
        return intervals;
    }

    private static HistogramBase Sum(IEnumerable<HistogramBase> intervals)
    {
        var sum = LatencyHistograms.Create();
        foreach (var interval in intervals)
        {
            sum.Add(interval);
        }

        return sum;
    }

    private static void ShouldEqualExactly(HistogramBase actual, HistogramBase expected, string because)
    {
        actual.TotalCount.Should().Be(expected.TotalCount, because);
        actual.GetMaxValue().Should().Be(expected.GetMaxValue(), because);
        actual.GetValueAtPercentile(0).Should().Be(expected.GetValueAtPercentile(0), because);
        for (var percentile = 0.0; percentile <= 100.0; percentile += 0.5)
        {
            actual.GetValueAtPercentile(percentile).Should().Be(expected.GetValueAtPercentile(percentile), $"{because}, p{percentile:0.0}");
        }

        actual.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))
            .Should().Equal(expected.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)), because);
    }

    [Fact]
    public async Task Every_endpoint_log_holds_one_interval_per_second_placed_by_HdrHistograms_reader_and_adding_up_to_the_endpoints_histogram()
    {
        var summary = await RunAsync(Options(LoadShard.Whole, new FakeTimeProvider()));
        var files = await ShardIntervalLog.WriteAsync(summary, _root, CancellationToken.None);

        summary.Endpoints.Select(e => e.Name).Should().Equal("GET /a", "GET /b");
        summary.Series.Select(p => p.Requests).Should().StartWith(PerSecond.Select(n => 2 * n), "the run's seconds, both endpoints");
        foreach (var endpoint in summary.Endpoints)
        {
            var path = Path.Combine(_root, ShardIntervalLog.Folder, ShardIntervalLog.FileName(endpoint.Name));
            files.Should().Contain(path);
            var intervals = ReadLog(path, out var startTime);
            var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            bytes.Should().OnlyContain(c => c < 0x80, $"{path}: ASCII, as HdrHistogram's tools read it");
            var lines = System.Text.Encoding.ASCII.GetString(bytes).Split('\n');
            lines[0].Should().StartWith("#[Histogram log format version");
            lines.Should().Contain($"#[BaseTime: {summary.StartedAt.ToUnixTimeMilliseconds() / 1000m:0.000} (seconds since epoch)]");
            lines.Where(l => l.StartsWith("Tag=", StringComparison.Ordinal)).Select(l => l.Split(',')[1])
                .Should().Equal(summary.Series.Select(p => $"{p.Second}.000"), "each interval's start is relative to the BaseTime");

            startTime.Should().Be(summary.StartedAt.UtcDateTime, "the log's StartTime is the run's start");
            intervals.Should().HaveCount(summary.Series.Count, $"{path}: one interval per second of the run");
            intervals.Select(h => h.StartTimeStamp - summary.StartedAt.ToUnixTimeMilliseconds())
                .Should().Equal(summary.Series.Select(p => p.Second * 1000L), $"{path}: interval i starts at the run's start + i s");
            intervals.Select(h => h.EndTimeStamp - h.StartTimeStamp).Should().OnlyContain(ms => ms == 1000, path);
            intervals.Should().OnlyContain(h => h.Tag == endpoint.Name.Replace(' ', '_'), path);
            intervals.Select(h => h.TotalCount).Should().Equal([.. PerSecond, .. Enumerable.Repeat(0L, summary.Series.Count - PerSecond.Length)], path);
            ShouldEqualExactly(Sum(intervals), LatencyHistograms.Decode(endpoint.Histogram), $"{path}: its intervals added up");
        }

        if (Environment.GetEnvironmentVariable("PERF_HLOG_EXAMPLE") is { } example)
        {
            File.Copy(Path.Combine(_root, ShardIntervalLog.Folder, ShardIntervalLog.FileName("GET /b")), example, overwrite: true);
        }

        // The latency pattern per second: GET /b answers after (second + 1) x 3 ms of real time, so each interval's
        // fastest request is at least that (a lower bound only: real time on a busy machine is never faster).
        var b = ReadLog(Path.Combine(_root, ShardIntervalLog.Folder, ShardIntervalLog.FileName("GET /b")), out _);
        for (var second = 0; second < PerSecond.Length; second++)
        {
            b[second].GetValueAtPercentile(0).Should().BeGreaterThanOrEqualTo(SecondPacedHandler.DelayOf(second) * 990 / 1000, $"second {second} of GET /b");
        }
    }

    [Fact]
    public async Task Without_per_second_recording_an_endpoint_log_holds_one_interval_of_the_measured_run()
    {
        var summary = await RunAsync(Options(LoadShard.Whole, new FakeTimeProvider(), intervals: false));
        await ShardIntervalLog.WriteAsync(summary, _root, CancellationToken.None);

        summary.Endpoints.Should().OnlyContain(e => e.Seconds == null);
        var intervals = ReadLog(Path.Combine(_root, ShardIntervalLog.Folder, ShardIntervalLog.FileName("GET /a")), out _);
        intervals.Should().ContainSingle().Which.TotalCount.Should().Be(PerSecond.Sum());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_merge_adds_each_endpoints_intervals_second_by_second_and_keeps_its_totals_exact(int count)
    {
        var whole = await RunAsync(Options(LoadShard.Whole, new FakeTimeProvider()));
        var directories = new List<string>();
        var shards = new List<RunSummary>();
        for (var i = 1; i <= count; i++)
        {
            var options = Options(new LoadShard(i, count), new FakeTimeProvider());
            var summary = await RunAsync(options);
            var directory = Path.Combine(_root, $"shard-{i}");
            await ReportWriter.CreateStandard().WriteAsync(new ReportContext(summary, new RunMetadata("run-1", "pair", "steps", "http://127.0.0.1:9/")), directory, CancellationToken.None);
            await new ShardManifest("run-1", ShardManifest.Fingerprint(options), i, count, "pair", "steps", null, summary.StartedAt, TimeSpan.Zero)
                .WriteAsync(directory, CancellationToken.None);
            await ShardIntervalLog.WriteAsync(summary, directory, CancellationToken.None);
            directories.Add(directory);
            shards.Add(summary);
        }

        var merged = ShardMerge.Merge(directories).Summary;

        foreach (var endpoint in merged.Endpoints)
        {
            var single = whole.Endpoints.Single(e => e.Name == endpoint.Name);
            endpoint.Seconds.Should().NotBeNull(endpoint.Name);
            var seconds = endpoint.Seconds!.Select(s => s is null ? LatencyHistograms.Create() : LatencyHistograms.Decode(s)).ToList();
            seconds.Select(h => h.TotalCount).Take(PerSecond.Length).Should().Equal(PerSecond, $"{endpoint.Name}: the shards' seconds added up are the whole run's");
            seconds.Select(h => h.TotalCount).Should().Equal(single.Seconds!.Select(s => s is null ? 0 : LatencyHistograms.Decode(s).TotalCount), endpoint.Name);
            ShouldEqualExactly(Sum(seconds), LatencyHistograms.Decode(endpoint.Histogram), $"{endpoint.Name}: merged seconds against the merged total");
            ShouldEqualExactly(LatencyHistograms.Decode(endpoint.Histogram), LatencyHistograms.Merge(shards.Select(shard =>
                shard.Endpoints.Single(e => e.Name == endpoint.Name).Histogram)), $"{endpoint.Name}: the merged total");
        }
    }

    // Answers 200 after a real delay set by the virtual second of the request (GET /b only): a known latency per second.
    private sealed class SecondPacedHandler(FakeTimeProvider time) : HttpMessageHandler
    {
        public static long DelayOf(int second) => (second + 1) * 3_000L;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/b")
            {
                Thread.Sleep(TimeSpan.FromMicroseconds(DelayOf((int)time.Elapsed.TotalSeconds)));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
        }
    }
}
