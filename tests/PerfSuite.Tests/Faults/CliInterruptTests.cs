using System.Diagnostics;
using System.Text.Json;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Faults;

/// <summary>
/// Ctrl+C (SIGINT) to the real <c>perfsuite</c> tool, started as a child process against a loopback server: arrivals stop
/// at once, in-flight requests get a bounded grace, the partial result is written marked cancelled, the exit code is 130.
/// </summary>
[Trait("Category", "Faults")]
public sealed class CliInterruptTests : IDisposable
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-interrupt-").FullName;

    [Fact]
    public async Task Ctrl_c_in_load_prints_the_partial_json_line_marked_cancelled_and_exits_130()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        await using var cli = CliProcess.Start(["load", "--url", $"{server.BaseUri}ping", "--rate", "20", "--duration", "60"]);
        await WaitUntilAsync(() => server.Requests >= 20, TimeSpan.FromSeconds(30), ct);

        var (exit, exitedAfter, requestsAtExit) = await InterruptAsync(cli, server, ct);

        exit.Should().Be(130, $"stderr:\n{cli.StandardError}");
        exitedAfter.Should().BeLessThan(ExitBound, "arrivals stop at once and in-flight requests get at most the interrupt grace");
        var line = await cli.ReadLineAsync(l => l.StartsWith('{'), TimeSpan.FromSeconds(5), ct);
        using var json = JsonDocument.Parse(line);
        json.RootElement.GetProperty("cancelled").GetBoolean().Should().BeTrue();
        var requests = json.RootElement.GetProperty("requests").GetInt64();
        requests.Should().BePositive().And.BeLessThanOrEqualTo(requestsAtExit, "the partial line counts what was sent");
        json.RootElement.GetProperty("codes").GetProperty("200").GetInt64().Should().Be(server.Answered, "every request the server answered is in the partial line");
        cli.StandardError.Should().Contain("load: cancelled").And.Contain(", cancelled):");
        server.Requests.Should().Be(requestsAtExit, "nothing is sent after the tool exited");
    }

    [Fact]
    public async Task Ctrl_c_in_run_writes_the_four_reports_and_violations_marked_cancelled_and_exits_130()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        var script = Path.Combine(_directory, "ping.yml");
        var reports = Path.Combine(_directory, "reports");
        await File.WriteAllTextAsync(
            script,
            $"config:\n  target: {server.BaseUri.ToString().TrimEnd('/')}\n  phases:\n    - duration: 60\n      arrivalRate: 10\n  ensure:\n    maxErrorRate: 1\nscenarios:\n  - name: ping\n    flow:\n      - get:\n          url: /ping\n",
            ct);
        await using var cli = CliProcess.Start(["run", script, "--report-dir", reports]);
        await WaitUntilAsync(() => server.Requests >= 10, TimeSpan.FromSeconds(30), ct);

        var (exit, exitedAfter, requestsAtExit) = await InterruptAsync(cli, server, ct);

        exit.Should().Be(130, $"stderr:\n{cli.StandardError}");
        exitedAfter.Should().BeLessThan(ExitBound);
        Directory.GetFiles(reports).Select(Path.GetFileName).Should().BeEquivalentTo("summary.txt", "report.md", "report.html", "report.json", "violations.txt");
        (await File.ReadAllTextAsync(Path.Combine(reports, "violations.txt"), ct)).Should().StartWith("run cancelled after");
        (await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), ct)).Should().StartWith("# ⛔ CANCELLED");
        (await File.ReadAllTextAsync(Path.Combine(reports, "summary.txt"), ct)).Should().Contain("Budget: CANCELLED").And.NotContain("Budget: PASS");
        (await File.ReadAllTextAsync(Path.Combine(reports, "report.json"), ct)).Should().Contain("\"cancelled\": true");
        await cli.ReadLineAsync(l => l.StartsWith("run: run cancelled after", StringComparison.Ordinal), TimeSpan.FromSeconds(5), ct);
        cli.StandardError.Should().Contain("run: cancelled");
        server.Requests.Should().Be(requestsAtExit, "nothing is sent after the tool exited");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // SIGINT to the tool; its exit code, how long it took to exit, and the server's request count when it had, read again
    // a second later by the caller to show nothing more arrived.
    private static async Task<(int? Exit, TimeSpan ExitedAfter, long RequestsAtExit)> InterruptAsync(CliProcess cli, LoopbackHttpServer server, CancellationToken ct)
    {
        var interrupted = Stopwatch.StartNew();
        cli.Interrupt();
        var exit = await cli.WaitForExitAsync(ExitBound);
        var exitedAfter = interrupted.Elapsed;
        var requestsAtExit = server.Requests;
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        return (exit, exitedAfter, requestsAtExit);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
