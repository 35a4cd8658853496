using System.Net;
using System.Net.Sockets;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.Http;

/// <summary>Requests that get no response: refused connections, timeouts, and a cancelled run.</summary>
public sealed class HttpTransportErrorTests
{
    [Fact]
    public async Task A_closed_loopback_port_is_a_connection_refused_transport_error()
    {
        var flow = Scenario.Create("refused").Get("/api/v1/citizens/").Get("/never").Build();
        var options = new LoadRunOptions(new Uri($"http://127.0.0.1:{ClosedPort()}"), [flow], Once());

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["connection-refused"] = 1 });
        summary.Requests.Should().Be(1);
        summary.Codes.Should().BeEmpty();
        summary.ErrorRate.Should().Be(1);
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task A_response_slower_than_the_request_timeout_is_a_timeout_error()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("slow").Get("/slow").Build();
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9"), [flow], Once())
        {
            TimeProvider = time,
            RequestTimeout = TimeSpan.FromSeconds(2),
            HttpHandlerFactory = () => new StubNeverAnsweringHandler(),
        };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["timeout"] = 1 });
        summary.Requests.Should().Be(1);
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task Cancelling_the_run_stops_it_with_an_operation_cancelled_exception()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("slow").Get("/slow").Build();
        using var cancel = new CancellationTokenSource();
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:9"), [flow], Once())
        {
            TimeProvider = time,
            HttpHandlerFactory = () => new StubNeverAnsweringHandler(),
        };
        var run = LoadRunner.RunAsync(options, cancel.Token);
        time.Advance(TimeSpan.FromMilliseconds(500));

        await cancel.CancelAsync();
        var act = async () => await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private static LoadProfile Once() => new("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class StubNeverAnsweringHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
