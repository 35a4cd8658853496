using System.Globalization;
using System.Text;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Reporting.Sharding;

/// <summary>One shard as the merge reads it from its report directory.</summary>
/// <param name="Directory">The shard's report directory.</param>
/// <param name="Manifest">Its <c>shard.json</c>.</param>
/// <param name="Summary">Its <c>report.json</c>, read back.</param>
/// <param name="Metadata">Its report's metadata.</param>
public sealed record ShardResult(string Directory, ShardManifest Manifest, RunSummary Summary, RunMetadata Metadata);

/// <summary>The whole run made of its shards.</summary>
/// <param name="Shards">The shards, by index.</param>
/// <param name="Summary">The merged summary: counts and HdrHistograms added exactly.</param>
/// <param name="Metadata">The merged report's metadata; <see cref="RunMetadata.Sharding"/> states the shards and the largest start lag.</param>
/// <param name="Verdict">The budget evaluated once on the merged summary.</param>
public sealed record ShardMergeResult(IReadOnlyList<ShardResult> Shards, RunSummary Summary, RunMetadata Metadata, BudgetVerdict Verdict)
{
    /// <summary>The largest start lag of any shard against the common start instant.</summary>
    public TimeSpan LargestStartLag => Shards.Max(s => s.Manifest.StartLag);
}

/// <summary>
/// Merges the report directories of a run's shards into the whole run's reports, exactly: request, error, user and
/// arrival counts are summed and the HdrHistograms added (every percentile of the merge is the percentile of all the
/// samples), then the budget is evaluated once on the merged result. The per-second series' percentiles and each
/// endpoint's per-second intervals (<see cref="EndpointSummary.Seconds"/>) are added second by second from the shards'
/// <c>hlog/</c> interval logs; a shard without them leaves the series at the worst shard's percentiles (an upper bound).
/// </summary>
public static class ShardMerge
{
    /// <summary>Default bound on a shard's start lag: a shard later than this is refused.</summary>
    public static TimeSpan DefaultMaxStartLag { get; } = TimeSpan.FromSeconds(5);

    private const string ReportFileName = "report.json";

    /// <summary>Reads and checks the shards, then merges them.</summary>
    /// <param name="directories">One report directory per shard (each with <c>shard.json</c> and <c>report.json</c>).</param>
    /// <param name="maxStartLag">Refuse a shard that started later than this; <c>null</c> for <see cref="DefaultMaxStartLag"/>.</param>
    /// <exception cref="ShardMergeException">
    /// The directories are not one whole run: a missing or duplicated shard, shards of different plans or runs, a shard
    /// too late, a directory that is not a shard's; every problem is named.
    /// </exception>
    public static ShardMergeResult Merge(IReadOnlyList<string> directories, TimeSpan? maxStartLag = null)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var bound = maxStartLag ?? DefaultMaxStartLag;
        var problems = new List<string>();
        var shards = new List<ShardResult>();
        if (directories.Count == 0)
        {
            throw new ShardMergeException(["no shard directories given"]);
        }

        foreach (var directory in directories)
        {
            var manifest = Path.Combine(directory, ShardManifest.FileName);
            var report = Path.Combine(directory, ReportFileName);
            if (!File.Exists(manifest))
            {
                problems.Add($"{directory}: no {ShardManifest.FileName}: not a shard's report directory");
                continue;
            }

            if (!File.Exists(report))
            {
                problems.Add($"{directory}: no {ReportFileName} next to {ShardManifest.FileName}");
                continue;
            }

            try
            {
                var (summary, read) = ReportJsonReader.Read(report);
                summary = WithEndpointSeconds(WithSeriesLatencies(summary, ShardIntervalLog.ReadSeries(directory)), directory);
                shards.Add(new ShardResult(directory, ShardManifest.Read(manifest), summary, read));
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }

        if (shards.Count > 0)
        {
            Check(shards, bound, problems);
        }

        if (problems.Count > 0)
        {
            throw new ShardMergeException(problems);
        }

        shards = [.. shards.OrderBy(s => s.Manifest.ShardIndex)];
        var first = shards[0];
        var summaryMerged = MergeSummaries(shards.Select(s => s.Summary).ToList());
        var lag = shards.MaxBy(s => s.Manifest.StartLag)!;
        var metadata = new RunMetadata(first.Metadata.RunId, first.Metadata.Scenario, first.Metadata.Profile, first.Metadata.TargetUrl)
        {
            Sharding = string.Create(CultureInfo.InvariantCulture,
                $"merged from {shards.Count} shards (each {100.0 / shards.Count:0.#} % of each phase, plan {first.Manifest.PlanFingerprint}); largest start lag {lag.Manifest.StartLag.TotalMilliseconds:0.#} ms (shard {lag.Manifest.ShardIndex})"),
        };
        var budget = first.Manifest.Budget ?? new ScenarioBudget(first.Manifest.Scenario, first.Manifest.Profile, BudgetLimits.None);
        return new ShardMergeResult(shards, summaryMerged, metadata, BudgetEvaluator.Evaluate(summaryMerged, budget));
    }

    /// <summary>Writes the whole run's four reports and <c>violations.txt</c> (the merged budget's failures, one a line).</summary>
    /// <param name="result">The merge.</param>
    /// <param name="directory">Where to write them.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The files written.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(ShardMergeResult result, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var context = new ReportContext(result.Summary, result.Metadata, result.Verdict);
        return await ReportWriter.CreateWithViolations().WriteAsync(context, directory, cancellationToken).ConfigureAwait(false);
    }

    private static void Check(List<ShardResult> shards, TimeSpan bound, List<string> problems)
    {
        var first = shards[0];
        string Name(ShardResult s) => $"shard {s.Manifest.ShardIndex} of {s.Manifest.ShardCount} ({s.Directory})";
        foreach (var other in shards.Skip(1))
        {
            if (other.Manifest.RunId != first.Manifest.RunId)
            {
                problems.Add($"{Name(other)} is of run '{other.Manifest.RunId}', {Name(first)} of run '{first.Manifest.RunId}': shards of different runs");
            }

            if (other.Manifest.PlanFingerprint != first.Manifest.PlanFingerprint || other.Manifest.Scenario != first.Manifest.Scenario
                || other.Manifest.Profile != first.Manifest.Profile)
            {
                problems.Add($"{Name(other)} ran plan {other.Manifest.PlanFingerprint} ({other.Manifest.Scenario} / {other.Manifest.Profile}), "
                    + $"{Name(first)} plan {first.Manifest.PlanFingerprint} ({first.Manifest.Scenario} / {first.Manifest.Profile}): shards of different plans");
            }

            if (other.Manifest.ShardCount != first.Manifest.ShardCount)
            {
                problems.Add($"{Name(other)} and {Name(first)} disagree on the shard count");
            }
        }

        foreach (var twice in shards.GroupBy(s => s.Manifest.ShardIndex).Where(g => g.Count() > 1))
        {
            problems.Add($"shard {twice.Key} of {first.Manifest.ShardCount} given more than once: {string.Join(", ", twice.Select(s => s.Directory))}");
        }

        var present = shards.Select(s => s.Manifest.ShardIndex).ToHashSet();
        foreach (var missing in Enumerable.Range(1, first.Manifest.ShardCount).Where(i => !present.Contains(i)))
        {
            problems.Add($"shard {missing} of {first.Manifest.ShardCount} missing (run '{first.Manifest.RunId}')");
        }

        foreach (var late in shards.Where(s => s.Manifest.StartLag > bound))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Name(late)} started {late.Manifest.StartLag.TotalMilliseconds:0.#} ms after the common start, more than the bound of {bound.TotalMilliseconds:0.#} ms"));
        }
    }

    // A second's percentiles: exact from the shards' per-second histograms when every shard has them (its series.hlog),
    // else the worst shard's (an upper bound). Counts are summed either way.
    private static TimeSeriesPoint MergeSecond(IGrouping<int, TimeSeriesPoint> second)
    {
        var points = second.ToList();
        var (requests, errors) = (points.Sum(p => p.Requests), points.Sum(p => p.Errors));
        var point = new TimeSeriesPoint(second.Key, points.Sum(p => p.Arrivals), points.Sum(p => p.Skipped), points.Sum(p => p.ActiveUsers), requests, errors,
            points.Max(p => p.P50Ms), points.Max(p => p.P95Ms), points.Max(p => p.P99Ms));
        if (!points.All(p => p.Latency is not null || p.P99Ms == 0))
        {
            return point;
        }

        var merged = LatencyHistograms.Merge(points.Select(p => p.Latency).OfType<string>());
        return merged.TotalCount == 0 ? point : point with
        {
            P50Ms = merged.GetValueAtPercentile(50) / 1000.0,
            P95Ms = merged.GetValueAtPercentile(95) / 1000.0,
            P99Ms = merged.GetValueAtPercentile(99) / 1000.0,
            Latency = LatencyHistograms.Encode(merged),
        };
    }

    // The per-second histograms of a shard's series.hlog onto its series points (read back from report.json without them).
    private static RunSummary WithSeriesLatencies(RunSummary summary, IReadOnlyList<HdrHistogram.HistogramBase>? seconds) =>
        seconds is null || seconds.Count != summary.Series.Count ? summary : summary with
        {
            Series = [.. summary.Series.Select((p, i) => p with { Latency = seconds[i].TotalCount == 0 ? null : LatencyHistograms.Encode(seconds[i]) })],
        };

    // Each endpoint's per-second intervals from the shard's hlog/<endpoint>.hlog, when it holds one interval per second of
    // the series; a log of one interval per run (or none) leaves the endpoint without seconds, so the merge adds none.
    private static RunSummary WithEndpointSeconds(RunSummary summary, string directory) => summary with
    {
        Endpoints = [.. summary.Endpoints.Select(endpoint =>
        {
            var seconds = ShardIntervalLog.ReadEndpoint(directory, endpoint.Name);
            if (seconds is null || seconds.Count != summary.Series.Count)
            {
                return endpoint;
            }

            var total = LatencyHistograms.Decode(endpoint.Histogram).TotalCount;
            var read = seconds.Sum(h => h.TotalCount);
            if (read != total)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.Combine(directory, ShardIntervalLog.Folder, ShardIntervalLog.FileName(endpoint.Name))}: its intervals hold {read} latencies, the endpoint '{endpoint.Name}' in report.json {total}"));
            }

            return endpoint with { Seconds = [.. seconds.Select(h => h.TotalCount == 0 ? null : LatencyHistograms.Encode(h))] };
        })],
    };

    /// <summary>Adds shard summaries exactly: counts summed, histograms added, stats recomputed from the merged histograms.</summary>
    /// <param name="parts">The shards' summaries.</param>
    /// <returns>The whole run's summary.</returns>
    public static RunSummary MergeSummaries(IReadOnlyList<RunSummary> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var first = parts[0];
        var endpoints = MergeEndpoints(parts.SelectMany(p => p.Endpoints));
        var scenarios = parts.SelectMany(p => p.Scenarios).GroupBy(s => s.Name, StringComparer.Ordinal).Select(g =>
        {
            var histogram = LatencyHistograms.Merge(g.Select(s => s.Histogram));
            return new ScenarioSummary(g.Key, g.Sum(s => s.Launched), g.Sum(s => s.Completed), g.Sum(s => s.Failed), g.Sum(s => s.SkippedArrivals),
                g.Sum(s => s.Requests), g.Sum(s => s.FailedRequests), LatencyHistograms.Stats(histogram), MergeEndpoints(g.SelectMany(s => s.Endpoints)),
                LatencyHistograms.Encode(histogram));
        }).ToList();
        var overall = LatencyHistograms.Merge(parts.Select(p => p.Histogram));
        var duration = parts.Max(p => p.Duration);
        var requests = parts.Sum(p => p.Requests);
        var failed = parts.Sum(p => p.FailedRequests);
        var series = parts.SelectMany(p => p.Series).GroupBy(p => p.Second).OrderBy(g => g.Key).Select(MergeSecond).ToList();
        var lags = parts.Select(p => p.Generator.ArrivalLag).ToList();
        var generator = new GeneratorHealth(
            new LatencyStats(lags.Sum(l => l.Count), lags.Min(l => l.MinMs), lags.Max(l => l.MeanMs), lags.Max(l => l.P50Ms), lags.Max(l => l.P90Ms),
                lags.Max(l => l.P95Ms), lags.Max(l => l.P99Ms), lags.Max(l => l.P999Ms), lags.Max(l => l.MaxMs)),
            parts.Sum(p => p.Generator.CpuSeconds),
            parts.Max(p => p.Generator.CpuUtilization),
            parts.Any(p => p.Generator.GeneratorBound),
            [.. parts.SelectMany((p, i) => p.Generator.Reasons.Select(r => $"shard {i + 1}: {r}"))])
        {
            WindowSeconds = parts.Max(p => p.Generator.WindowSeconds),
            WindowRequests = parts.Sum(p => p.Generator.WindowRequests),
        };
        var phases = first.Phases.Select((phase, i) => phase with { Arrivals = parts.Sum(p => p.Phases[i].Arrivals) }).ToList();
        return new RunSummary(
            first.Name, parts.Min(p => p.StartedAt), duration, parts.Sum(p => p.ScenariosLaunched), parts.Sum(p => p.ScenariosCompleted),
            parts.Sum(p => p.ScenariosFailed), parts.Sum(p => p.SkippedArrivals), requests, failed,
            requests == 0 ? 0 : (double)failed / requests, duration.TotalSeconds <= 0 ? 0 : requests / duration.TotalSeconds,
            LatencyHistograms.Stats(overall), Sum(parts.Select(p => p.Codes)), Sum(parts.Select(p => p.Errors)),
            parts.Sum(p => p.MessagesSent), parts.Sum(p => p.MessagesReceived), scenarios, endpoints, series, generator, phases,
            LatencyHistograms.Encode(overall))
        {
            Cancelled = parts.Any(p => p.Cancelled),
            RetriedRequests = parts.Sum(p => p.RetriedRequests),
            Drain = parts.Max(p => p.Drain),
            InterruptedAfter = parts.Where(p => p.InterruptedAfter is not null).Min(p => p.InterruptedAfter),
        };
    }

    private static List<EndpointSummary> MergeEndpoints(IEnumerable<EndpointSummary> endpoints) =>
        [.. endpoints.GroupBy(e => e.Name, StringComparer.Ordinal).Select(g =>
        {
            var histogram = LatencyHistograms.Merge(g.Select(e => e.Histogram));
            return new EndpointSummary(g.Key, g.First().Kind, g.Sum(e => e.Requests), g.Sum(e => e.FailedRequests), LatencyHistograms.Stats(histogram),
                Sum(g.Select(e => e.Codes)), Sum(g.Select(e => e.Errors)), LatencyHistograms.Encode(histogram))
            {
                // The slowest requests of every shard, as many as one shard kept.
                SlowestRequests = g.SelectMany(e => e.SlowestRequests).OrderByDescending(s => s.LatencyMs).Take(g.Max(e => e.SlowestRequests.Count)).ToList(),

                // Second by second, when every shard left them; the totals above come from the whole histograms either way.
                Seconds = LatencyHistograms.AddSeconds([.. g.Select(e => e.Seconds)]),
            };
        })];

    private static SortedDictionary<string, long> Sum(IEnumerable<IReadOnlyDictionary<string, long>> dictionaries)
    {
        var sum = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var dictionary in dictionaries)
        {
            foreach (var (key, value) in dictionary)
            {
                sum[key] = sum.GetValueOrDefault(key) + value;
            }
        }

        return sum;
    }
}
