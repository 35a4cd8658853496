using System.Runtime.Versioning;
using BenchmarkDotNet.Attributes;
using PerfSuite.Fixtures.Metrics;

namespace PerfSuite.Benchmarks;

/// <summary>
/// Cost of recording one request on the engine's hot path (histogram, counters, time series).
/// Expected: tens of nanoseconds and zero bytes allocated per sample, far below Artillery's ~14 ms of CPU per request.
/// </summary>
[MemoryDiagnoser]
[SupportedOSPlatform("linux")] // the fixtures library is Linux-only (process groups, /proc)
public class RunRecorderBenchmarks
{
    private RunRecorder _recorder = null!;
    private int _endpoint;

    [GlobalSetup]
    public void Setup()
    {
        _recorder = new RunRecorder(["scenario"]);
        _endpoint = _recorder.RegisterEndpoint(0, "GET /api/v1/citizens/", "http");
    }

    [Benchmark]
    public void Record_a_response() => _recorder.Response(_endpoint, warmUp: false, 12_345, 200, failed: false);

    [Benchmark]
    public void Record_a_transport_error() => _recorder.TransportError(_endpoint, warmUp: false, ErrorKind.Timeout, null);

}
