using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

/// <summary>An external target is checked before any load: reachable, and the token accepted by the declared preflight request.</summary>
public sealed class LoadTestPreflightTests : IDisposable
{
    private const string Name = "reads";
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-preflight-").FullName;

    [Fact]
    public async Task A_closed_port_fails_the_session_start_within_seconds_naming_connection_refused()
    {
        var port = ClosedPort();
        var elapsed = Stopwatch.StartNew();

        var start = () => StartAsync($"http://127.0.0.1:{port}", preflight: "/api/v1/citizens/");

        (await start.Should().ThrowAsync<TargetStartException>()).Which.Message
            .Should().Contain("connection-refused").And.Contain($"127.0.0.1:{port}").And.Contain("no load was sent");
        elapsed.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData(401, "the server rejected the token")]
    [InlineData(403, "the server rejected the token")]
    [InlineData(404, "404")]
    public async Task A_preflight_request_that_is_not_answered_2xx_fails_the_start_naming_the_status(int status, string expected)
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Answer, status));

        var start = () => StartAsync(server.BaseUri.ToString().TrimEnd('/'), preflight: "/api/v1/citizens/");

        (await start.Should().ThrowAsync<TargetStartException>()).Which.Message
            .Should().Contain("GET /api/v1/citizens/").And.Contain(expected);
        server.Requests.Should().Be(1, "one preflight request, then nothing");
    }

    [Fact]
    public async Task A_preflight_answered_200_starts_the_session()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);

        await using var session = await StartAsync(server.BaseUri.ToString().TrimEnd('/'), preflight: "/api/v1/citizens/");

        server.Requests.Should().Be(1);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<LoadTestSession> StartAsync(string target, string preflight)
    {
        var budgets = Path.Combine(_directory, "budgets.json");
        await File.WriteAllTextAsync(budgets, $$"""{ "version": 1, "scenarios": { "{{Name}}": { "smoke": { "error_rate": 0 } } } }""");
        var variables = new Dictionary<string, string> { ["PERF_TARGET"] = target, ["PERF_TOKEN"] = "static-token", ["PERF_ARTIFACTS"] = _directory };
        var settings = PerfSettings.Parse(n => variables.GetValueOrDefault(n), ["smoke"]);
        var options = new LoadTestSessionOptions(settings, [Name]) { BudgetsFile = budgets, PreflightPath = preflight };
        return await LoadTestSession.StartAsync(options, _ => { }, TestContext.Current.CancellationToken);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
