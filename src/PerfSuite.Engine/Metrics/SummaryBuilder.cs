using HdrHistogram;

namespace PerfSuite.Engine.Metrics;

/// <summary>Turns a <see cref="RunRecorder"/> into the immutable <see cref="RunSummary"/>; histograms merge exactly.</summary>
internal static class SummaryBuilder
{
    public static RunSummary Build(
        RunRecorder recorder,
        string name,
        DateTimeOffset startedAt,
        TimeSpan measuredDuration,
        IReadOnlyList<PhaseSummary> phases,
        GeneratorHealth generator)
    {
        var series = recorder.Series.Points();
        var endpointSummaries = recorder.Endpoints.Select(e => (e.ScenarioIndex, Summary: e.ToSummary(series.Count), e.Histogram)).ToList();
        var scenarios = new List<ScenarioSummary>();
        for (var index = 0; index < recorder.ScenarioNames.Count; index++)
        {
            var own = endpointSummaries.Where(e => e.ScenarioIndex == index).ToList();
            var protocol = own.Where(e => !IsCustom(e.Summary)).ToList();
            var histogram = MergeHistograms(protocol.Select(e => e.Histogram));
            var (launched, completed, failed, skipped) = recorder.Scenario(index);
            scenarios.Add(new ScenarioSummary(
                recorder.ScenarioNames[index],
                launched,
                completed,
                failed,
                skipped,
                protocol.Sum(e => e.Summary.Requests),
                protocol.Sum(e => e.Summary.FailedRequests),
                LatencyHistograms.Stats(histogram),
                own.Select(e => e.Summary).ToList(),
                LatencyHistograms.Encode(histogram)));
        }

        var endpoints = endpointSummaries
            .GroupBy(e => e.Summary.Name, StringComparer.Ordinal)
            .Select(g => MergeEndpoints(g.Key, g.Select(e => e.Summary).ToList(), g.Select(e => e.Histogram)))
            .ToList();
        // Protocol operations only (HTTP requests, Socket.IO operations): a custom step is counted apart, and only a budget
        // naming it as an endpoint reads its figures.
        var protocolEndpoints = endpoints.Where(e => !IsCustom(e)).ToList();
        var customEndpoints = endpoints.Where(IsCustom).ToList();
        var overall = MergeHistograms(endpointSummaries.Where(e => !IsCustom(e.Summary)).Select(e => e.Histogram));
        var requests = protocolEndpoints.Sum(e => e.Requests);
        var failedRequests = protocolEndpoints.Sum(e => e.FailedRequests);
        var seconds = measuredDuration.TotalSeconds;
        return new RunSummary(
            name,
            startedAt,
            measuredDuration,
            scenarios.Sum(s => s.Launched),
            scenarios.Sum(s => s.Completed),
            scenarios.Sum(s => s.Failed),
            scenarios.Sum(s => s.SkippedArrivals),
            requests,
            failedRequests,
            requests == 0 ? 0 : (double)failedRequests / requests,
            seconds <= 0 ? 0 : requests / seconds,
            LatencyHistograms.Stats(overall),
            SumDictionaries(protocolEndpoints.Select(e => e.Codes)),
            SumDictionaries(protocolEndpoints.Select(e => e.Errors)),
            recorder.MessagesSent,
            recorder.MessagesReceived,
            scenarios,
            endpoints,
            series,
            generator,
            phases,
            LatencyHistograms.Encode(overall))
        {
            RetriedRequests = recorder.RetriedRequests,
            CustomSteps = customEndpoints.Sum(e => e.Requests),
            FailedCustomSteps = customEndpoints.Sum(e => e.FailedRequests),
            CustomStepErrors = SumDictionaries(customEndpoints.Select(e => e.Errors)),
        };
    }

    private static bool IsCustom(EndpointSummary endpoint) => endpoint.Kind == Load.FlowStep.CustomKind;

    private static EndpointSummary MergeEndpoints(string name, List<EndpointSummary> parts, IEnumerable<HistogramBase> histograms)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var histogram = MergeHistograms(histograms);
        return new EndpointSummary(
            name,
            parts[0].Kind,
            parts.Sum(p => p.Requests),
            parts.Sum(p => p.FailedRequests),
            LatencyHistograms.Stats(histogram),
            SumDictionaries(parts.Select(p => p.Codes)),
            SumDictionaries(parts.Select(p => p.Errors)),
            LatencyHistograms.Encode(histogram))
        {
            SlowestRequests = MergeSlowest(parts.Select(p => p.SlowestRequests)),
            Seconds = LatencyHistograms.AddSeconds(parts.Select(p => p.Seconds).ToList()),
        };
    }

    /// <summary>The slowest of several endpoints' slowest requests, as many as the largest list kept.</summary>
    internal static IReadOnlyList<SlowRequest> MergeSlowest(IEnumerable<IReadOnlyList<SlowRequest>> lists)
    {
        var all = lists.ToList();
        var keep = all.Count == 0 ? 0 : all.Max(l => l.Count);
        return keep == 0 ? [] : all.SelectMany(l => l).OrderByDescending(s => s.LatencyMs).Take(keep).ToList();
    }

    private static HistogramBase MergeHistograms(IEnumerable<HistogramBase> histograms)
    {
        var merged = LatencyHistograms.Create();
        foreach (var histogram in histograms)
        {
            merged.Add(histogram.Copy());
        }

        return merged;
    }

    private static SortedDictionary<string, long> SumDictionaries(IEnumerable<IReadOnlyDictionary<string, long>> dictionaries)
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
