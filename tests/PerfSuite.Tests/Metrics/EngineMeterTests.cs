using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Metrics;

public sealed class EngineMeterTests
{
    [Fact]
    public void The_meter_counts_what_the_recorder_counts_by_scenario_endpoint_and_error_kind()
    {
        var scenario = "meter-" + Guid.NewGuid().ToString("N");
        using var listener = new Listener(scenario);
        var recorder = new RunRecorder([scenario]);
        var endpoint = recorder.RegisterEndpoint(0, "GET /a", "http");
        recorder.UserStarted(0, warmUp: false);
        recorder.Response(endpoint, warmUp: false, 1_500, 200, failed: false);
        recorder.Response(endpoint, warmUp: false, 2_500, 500, failed: true);
        recorder.StepError(endpoint, warmUp: false, ErrorKind.UnexpectedStatus);
        recorder.TransportError(endpoint, warmUp: false, ErrorKind.Timeout, null);
        recorder.Response(endpoint, warmUp: true, 1_000, 200, failed: false);
        recorder.Arrival(0, warmUp: false, skipped: true, TimeSpan.Zero);
        recorder.UserEnded(0, warmUp: false, failed: false);

        var summary = recorder.Endpoints[0].ToSummary();
        listener.Sum("perfsuite.requests").Should().Be(summary.Requests).And.Be(3);
        listener.Sum("perfsuite.requests.failed").Should().Be(summary.FailedRequests).And.Be(2);
        listener.Sum("perfsuite.errors|unexpected-status").Should().Be(1);
        listener.Sum("perfsuite.errors|timeout").Should().Be(1);
        listener.Sum("perfsuite.request.duration").Should().Be(0.0015 + 0.0025, "the histogram records seconds; warm-up samples are left out");
        listener.Sum("perfsuite.arrivals.launched").Should().Be(1);
        listener.Sum("perfsuite.arrivals.skipped").Should().Be(1);
    }

    [Fact]
    public void The_latency_histogram_advises_buckets_from_half_a_millisecond_to_a_minute()
    {
        EngineMeter.Duration.Advice!.HistogramBucketBoundaries.Should().Equal(EngineMeter.LatencyBuckets);
        EngineMeter.LatencyBuckets.Should().BeInAscendingOrder().And.HaveCountGreaterThan(20);
        EngineMeter.LatencyBuckets[0].Should().Be(0.0005);
        EngineMeter.LatencyBuckets[^1].Should().Be(60);
    }

    [Fact]
    public void Recording_allocates_nothing_while_a_listener_listens()
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == EngineMeter.Name)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        listener.Start();
        var recorder = new RunRecorder(["s"]);
        var endpoint = recorder.RegisterEndpoint(0, "GET /a", "http");
        recorder.Response(endpoint, warmUp: false, 1_234, 200, failed: true);
        recorder.TransportError(endpoint, warmUp: false, ErrorKind.Timeout, null);

        var clean = new List<long>();
        for (var round = 0; round < 20; round++)
        {
            var collections = GC.CollectionCount(0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                recorder.Response(endpoint, warmUp: false, 100 + i, 200, failed: i % 10 == 0);
                recorder.TransportError(endpoint, warmUp: false, ErrorKind.Timeout, null);
            }

            var after = GC.GetAllocatedBytesForCurrentThread();
            if (GC.CollectionCount(0) == collections)
            {
                clean.Add(after - before);
            }
        }

        clean.Should().NotBeEmpty("at least one of 20 rounds runs without a GC");
        clean.Min().Should().Be(0, $"rounds: {string.Join(", ", clean)} bytes");
    }

    /// <summary>Sums the engine meter's measurements of one scenario, by instrument (and error kind).</summary>
    private sealed class Listener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, double> _sums = new();

        public Listener(string scenario)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == EngineMeter.Name)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(scenario, i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(scenario, i, v, tags));
            _listener.Start();
        }

        public double Sum(string key) => _sums.GetValueOrDefault(key);

        public void Dispose() => _listener.Dispose();

        private void Add(string scenario, Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? error = null;
            var mine = false;
            foreach (var tag in tags)
            {
                mine |= tag is { Key: EngineMeter.ScenarioTag } && (string?)tag.Value == scenario;
                error = tag.Key == EngineMeter.ErrorTypeTag ? (string?)tag.Value : error;
            }

            if (mine)
            {
                _sums.AddOrUpdate(error is null ? instrument.Name : instrument.Name + "|" + error, value, (_, s) => s + value);
            }
        }
    }
}
