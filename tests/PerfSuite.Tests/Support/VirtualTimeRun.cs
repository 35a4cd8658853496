using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Tests.Http;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.Support;

/// <summary>Runs flows in virtual time against a spy transport and checks the run's invariants on the way out.</summary>
internal static class VirtualTimeRun
{
    public static readonly Uri Base = new("http://127.0.0.1:9/");

    /// <summary>Options for <paramref name="arrivals"/> arrivals over one second (open model), on <paramref name="time"/>.</summary>
    public static LoadRunOptions Options(IReadOnlyList<Scenario> flows, HttpMessageHandler handler, TimeProvider time, int arrivals = 1) =>
        new(Base, flows, new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), arrivals)]))
        {
            TimeProvider = time,
            HttpHandlerFactory = () => handler,
        };

    /// <summary>Options for <paramref name="arrivals"/> arrivals over one second on the default HTTP path (the lean client), against <paramref name="server"/> in memory.</summary>
    public static LoadRunOptions Options(IReadOnlyList<Scenario> flows, InMemoryHttpServer server, TimeProvider time, int arrivals = 1) =>
        new(Base, flows, new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), arrivals)]))
        {
            TimeProvider = time,
            Http1Connector = server.Connector,
        };

    /// <summary>Runs <paramref name="flow"/> on the default HTTP path (the lean client), answered by <paramref name="spy"/> in memory.</summary>
    public static Task<RunSummary> RunLeanAsync(Scenario flow, SpyHttpHandler spy, int arrivals = 1) =>
        RunAsync(Options([flow], spy, new FakeTimeProvider(), arrivals) with { HttpHandlerFactory = null, Http1Connector = spy.Connector });

    public static Task<RunSummary> RunAsync(Scenario flow, HttpMessageHandler handler, int arrivals = 1) =>
        RunAsync(Options([flow], handler, new FakeTimeProvider(), arrivals));

    public static async Task<RunSummary> RunAsync(LoadRunOptions options)
    {
        var time = (FakeTimeProvider)options.TimeProvider;
        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(120));
        var transportErrors = summary.Errors
            .Where(e => e.Key is not ("capture-failed" or "unexpected-status") && !e.Key.StartsWith("check", StringComparison.Ordinal))
            .Sum(e => e.Value);
        summary.Requests.Should().Be(summary.Codes.Values.Sum() + transportErrors, "requests = Σ codes + transport errors");
        summary.ScenariosLaunched.Should().Be(summary.ScenariosCompleted + summary.ScenariosFailed);
        return summary;
    }
}
