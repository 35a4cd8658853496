using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using PerfSuite.Benchmarks.Support;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Benchmarks.Metrics;

/// <summary>
/// <see cref="RecordingBenchmarks"/> while a <see cref="MeterListener"/> listens to the engine's meter (as dotnet-counters,
/// OTLP or Prometheus would): the cost of the live meter per request. Must allocate 0 B per operation too.
/// </summary>
[Config(typeof(FastConfig))]
public class MeteredRecordingBenchmarks : IDisposable
{
    private readonly MeterListener _listener = new();
    private RunRecorder _recorder = null!;
    private int _endpoint;
    private long _latency;
    private long _sink;

    [GlobalSetup]
    public void Setup()
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == EngineMeter.Name)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, v, _, _) => _sink += v);
        _listener.SetMeasurementEventCallback<double>((_, v, _, _) => _sink += (long)v);
        _listener.Start();
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

    public void Dispose()
    {
        _listener.Dispose();
        GC.SuppressFinalize(this);
    }
}
