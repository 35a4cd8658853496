using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Metrics;

public sealed class RunRecorderTests
{
    [Fact]
    public void Recording_a_response_allocates_nothing_once_warm()
    {
        var recorder = new RunRecorder(["s"]);
        var endpoint = recorder.RegisterEndpoint(0, "GET /a", "http");
        // Warm both paths: a first call may run static initializers (e.g. error-kind tables) that allocate once.
        recorder.Response(endpoint, warmUp: false, 1_234, 200, failed: false);
        recorder.TransportError(endpoint, warmUp: false, ErrorKind.Timeout, null);

        // A garbage collection triggered by a test running in parallel retires this thread's allocation context and
        // skews the per-thread byte count by up to a few KB, and the runtime may allocate once on this thread while it
        // tiers up the code under test; so the figure is the smallest of 20 rounds that no GC crossed. A per-call
        // allocation would show in every round (20 000 calls each).
        var clean = new List<long>();
        for (var round = 0; round < 20; round++)
        {
            var collections = GC.CollectionCount(0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                recorder.Response(endpoint, warmUp: false, 100 + i, 200 + (i % 3), failed: i % 10 == 0);
                recorder.TransportError(endpoint, warmUp: false, ErrorKind.Timeout, null);
            }

            var after = GC.GetAllocatedBytesForCurrentThread();
            if (GC.CollectionCount(0) == collections)
            {
                clean.Add(after - before);
            }
        }

        clean.Should().NotBeEmpty("at least one of 20 rounds runs without a GC");
        clean.Min().Should().Be(0, $"20 000 recordings in a round without a GC must allocate nothing (rounds: {string.Join(", ", clean)} bytes)");
    }

    [Fact]
    public void Warm_up_samples_reach_the_series_but_not_the_endpoint_figures()
    {
        var recorder = new RunRecorder(["s"]);
        var endpoint = recorder.RegisterEndpoint(0, "GET /a", "http");

        recorder.Response(endpoint, warmUp: true, 500, 200, failed: false);
        recorder.Response(endpoint, warmUp: false, 700, 500, failed: true);
        var point = recorder.Series.CloseSecond().Point;
        var summary = recorder.Endpoints[0].ToSummary();

        point.Requests.Should().Be(2);
        point.Errors.Should().Be(1);
        summary.Requests.Should().Be(1);
        summary.FailedRequests.Should().Be(1);
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["500"] = 1 });
    }

    [Fact]
    public void The_same_endpoint_name_in_one_scenario_gets_one_id_and_in_another_scenario_a_new_one()
    {
        var recorder = new RunRecorder(["a", "b"]);

        var ids = new[]
        {
            recorder.RegisterEndpoint(0, "GET /x", "http"),
            recorder.RegisterEndpoint(0, "GET /x", "http"),
            recorder.RegisterEndpoint(1, "GET /x", "http"),
        };

        ids.Should().Equal(0, 0, 1);
    }
}
