using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfSuite.Cli;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Faults;

/// <summary>
/// Honest time in the tool: <c>load --duration 1</c> against a server that answers 3 s late reports the 1 s window and its
/// rate, with the drain after it apart; an interrupted <c>run</c> says it was cancelled when the interrupt came, not after
/// the grace the in-flight requests got.
/// </summary>
[Trait("Category", "Faults")]
public sealed partial class HonestTimeCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-honest-time-").FullName;

    [Fact]
    public async Task Load_for_1_second_against_a_server_answering_3_seconds_late_reports_the_1_second_window_and_the_drain_apart()
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.SlowBody, Delay: TimeSpan.FromSeconds(3)));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["load", "--url", $"{server.BaseUri}slow", "--rate", "5", "--duration", "1", "--timeout-ms", "20000"], output, error);

        exit.Should().Be(ExitCodes.Passed, error.ToString());
        var line = DescribeLine().Match(error.ToString());
        line.Success.Should().BeTrue($"the run line names the window and the drain apart:\n{error}");
        double.Parse(line.Groups["window"].Value, CultureInfo.InvariantCulture).Should().BeInRange(0.9, 1.5, "the measured window is the plan's 1 s");
        double.Parse(line.Groups["drain"].Value, CultureInfo.InvariantCulture).Should().BeGreaterThan(2, "the answers came 3 s after the requests, after the window");
        using var json = JsonDocument.Parse(output.ToString().Trim());
        var requests = json.RootElement.GetProperty("requests").GetInt64();
        requests.Should().Be(5);
        json.RootElement.GetProperty("rps").GetDouble().Should().BeGreaterThan(3.3, "5 requests over the 1 s window, not over the 4 s until the last answer");
    }

    [Fact]
    public async Task An_interrupted_run_is_cancelled_after_the_time_the_interrupt_came_and_its_reports_show_the_grace_apart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Hang));
        var script = Path.Combine(_directory, "hang.yml");
        var reports = Path.Combine(_directory, "reports");
        await File.WriteAllTextAsync(
            script,
            $"config:\n  target: {server.BaseUri.ToString().TrimEnd('/')}\n  http:\n    timeout: 30\n  phases:\n    - duration: 60\n      arrivalRate: 5\nscenarios:\n  - name: hang\n    flow:\n      - get:\n          url: /hang\n",
            ct);
        await using var cli = CliProcess.Start(["run", script, "--report-dir", reports]);
        // The first arrival is due at the run's start: from the first request the server sees, the run's clock is known to
        // within the time one request takes to arrive.
        await WaitUntilAsync(() => server.Requests >= 1, TimeSpan.FromSeconds(60), ct);
        var sinceFirst = Stopwatch.StartNew();
        await WaitUntilAsync(() => server.Requests >= 10, TimeSpan.FromSeconds(30), ct);
        cli.Interrupt();
        var interruptedAt = sinceFirst.Elapsed.TotalSeconds;
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        exit.Should().Be(ExitCodes.Interrupted, cli.StandardError);
        var cancelled = await cli.ReadLineAsync(l => l.StartsWith("run: run cancelled after", StringComparison.Ordinal), TimeSpan.FromSeconds(5), ct);
        var after = double.Parse(CancelledAfter().Match(cancelled).Groups["s"].Value, CultureInfo.InvariantCulture);
        after.Should().BeInRange(interruptedAt - 0.5, interruptedAt + 1.5, $"the interrupt came {interruptedAt:0.0} s after the first request; the 3 s grace is not counted in ({cancelled})");
        var summary = await File.ReadAllTextAsync(Path.Combine(reports, "summary.txt"), ct);
        summary.Should().MatchRegex(@"Duration: [\d.]+ s \(interrupted after [\d.]+ s; then [23](\.\d)? s grace, not measured\)");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json"), ct));
        var run = json.RootElement.GetProperty("run");
        run.GetProperty("interrupted_after_seconds").GetDouble().Should().BeApproximately(after, 0.051);
        run.GetProperty("drain_seconds").GetDouble().Should().BeInRange(2.5, 4, "the hung requests had the 3 s interrupt grace");
        run.GetProperty("duration_seconds").GetDouble().Should().BeApproximately(after, 0.051);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex(@"\(5 arrivals/s, (?<window>[\d.]+) s measured, then (?<drain>[\d.]+) s drain\)")]
    private static partial Regex DescribeLine();

    [GeneratedRegex(@"cancelled after (?<s>[\d.]+) s of")]
    private static partial Regex CancelledAfter();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
