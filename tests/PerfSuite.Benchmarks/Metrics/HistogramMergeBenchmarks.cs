using BenchmarkDotNet.Attributes;
using HdrHistogram;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Benchmarks.Metrics;

/// <summary>Merging histograms: in memory (as the summary builder does per scenario) and from their encoded form (shards).</summary>
[Config(typeof(FastConfig))]
public class HistogramMergeBenchmarks
{
    private HistogramBase[] _histograms = [];
    private string[] _encoded = [];

    /// <summary>Number of histograms merged (endpoints of a run, or shards).</summary>
    [Params(8)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _histograms = Enumerable.Range(0, Count).Select(_ =>
        {
            var histogram = LatencyHistograms.CreateConcurrent();
            for (var i = 0; i < 10_000; i++)
            {
                histogram.RecordValue((long)(Math.Exp(random.NextDouble() * 6) * 200));
            }

            return histogram;
        }).ToArray();
        _encoded = _histograms.Select(LatencyHistograms.Encode).ToArray();
    }

    [Benchmark]
    public long Merge_in_memory()
    {
        var merged = LatencyHistograms.Create();
        foreach (var histogram in _histograms)
        {
            merged.Add(histogram);
        }

        return merged.TotalCount;
    }

    [Benchmark]
    public long Merge_encoded() => LatencyHistograms.Merge(_encoded).TotalCount;

    [Benchmark]
    public string Encode_one() => LatencyHistograms.Encode(_histograms[0]);

    [Benchmark]
    public LatencyStats Percentiles_of_one() => LatencyHistograms.Stats(_histograms[0]);
}
