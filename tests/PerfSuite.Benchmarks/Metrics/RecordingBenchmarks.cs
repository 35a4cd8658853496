using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Benchmarks.Metrics;

/// <summary>
/// The engine's hot path: what a virtual user calls once per request. Must allocate 0 B per operation
/// (also asserted by RunRecorderTests in PerfSuite.Tests).
/// </summary>
[Config(typeof(FastConfig))]
public class RecordingBenchmarks
{
    private RunRecorder _recorder = null!;
    private int _endpoint;
    private long _latency;

    [GlobalSetup]
    public void Setup()
    {
        _recorder = new RunRecorder(["load"]);
        _endpoint = _recorder.RegisterEndpoint(0, "GET /index.html", "http");
    }

    [Benchmark(Baseline = true)]
    public void Record_a_200_response()
    {
        _latency = (_latency + 137) % 50_000;
        _recorder.Response(_endpoint, warmUp: false, 100 + _latency, 200, failed: false);
    }

    [Benchmark]
    public void Record_a_transport_error() => _recorder.TransportError(_endpoint, warmUp: false, ErrorKind.Timeout, null);

    [Benchmark]
    public void Record_an_arrival_lag() => _recorder.RecordLag(TimeSpan.FromTicks(1234));
}
