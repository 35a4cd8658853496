using PerfSuite.Cli;
using PerfSuite.Lab;
using PerfSuite.Tests.Http;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Faults;

/// <summary>
/// Every command against a loopback server that accepts connections, reads the request and never answers (bounded by short
/// timeouts): a named outcome with its exit code (<see cref="ExitCodes.TargetUnavailable"/>), never a pass, never a stack trace.
/// And <c>load</c>'s thresholds: a missed one exits 1, and a run whose requests all failed does not exit 0 with none given.
/// </summary>
[Trait("Category", "Faults")]
public sealed class UnansweringServerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-unanswering-").FullName;

    [Fact]
    public async Task Load_against_a_server_that_never_answers_exits_3_naming_it()
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Hang));

        var (exit, error) = await ToolAsync(["load", "--url", $"{server.BaseUri}x", "--rate", "5", "--duration", "1", "--timeout-ms", "300"]);

        exit.Should().Be(ExitCodes.TargetUnavailable, error);
        error.Should().Contain("load: the target did not answer: none of").And.Contain("got a response").And.NotContain("   at ");
    }

    [Fact]
    public async Task Load_whose_requests_all_fail_with_500_does_not_exit_0_without_a_threshold()
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Answer, Status: 500));

        var (exit, error) = await ToolAsync(["load", "--url", $"{server.BaseUri}x", "--rate", "5", "--duration", "1"]);

        exit.Should().Be(ExitCodes.Missed, error);
        error.Should().Contain("load: threshold missed: ").And.Contain("error rate");
    }

    [Fact]
    public async Task Load_with_a_missed_latency_threshold_exits_1_and_with_met_thresholds_exits_0()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);

        var missed = await ToolAsync(["load", "--url", $"{server.BaseUri}x", "--rate", "5", "--duration", "1", "--p95-ms", "0.0001"]);
        var met = await ToolAsync(["load", "--url", $"{server.BaseUri}x", "--rate", "5", "--duration", "1", "--p99-ms=5000", "--max-error-rate", "0"]);

        missed.Exit.Should().Be(ExitCodes.Missed, missed.Error);
        missed.Error.Should().Contain("load: threshold missed: ").And.Contain("p95");
        met.Exit.Should().Be(ExitCodes.Passed, met.Error);
    }

    [Fact]
    public async Task Run_against_a_server_that_never_answers_exits_3_naming_it()
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Hang));
        var script = Path.Combine(_directory, "silent.yml");
        await File.WriteAllTextAsync(
            script,
            $"config:\n  target: {server.BaseUri.ToString().TrimEnd('/')}\n  http:\n    timeout: 1\n  phases:\n    - duration: 1\n      arrivalRate: 2\nscenarios:\n  - name: silent\n    flow:\n      - get:\n          url: /x\n",
            TestContext.Current.CancellationToken);

        var (exit, error) = await ToolAsync(["run", script, "--report-dir", Path.Combine(_directory, "reports")]);

        exit.Should().Be(ExitCodes.TargetUnavailable, error);
        error.Should().Contain("run: the target did not answer: none of").And.NotContain("   at ");
    }

    [Fact]
    public async Task Lab_socketio_connect_against_a_server_that_never_answers_exits_3_naming_it()
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Hang));

        var (exit, error) = await LabAsync(["socketio-connect", "1", server.BaseUri.ToString(), "--timeout", "1"]);

        exit.Should().Be(ExitCodes.TargetUnavailable, error);
        error.Should().Contain("socketio-connect: the target did not answer").And.NotContain("   at ");
    }

    [Fact]
    public async Task Lab_socketio_hold_against_a_server_that_never_answers_exits_3_naming_it()
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Hang));

        var (exit, error) = await LabAsync(["socketio-hold", "--url", server.BaseUri.ToString(), "--connections", "1", "--hold-seconds", "0", "--timeout", "1"]);

        exit.Should().Be(ExitCodes.TargetUnavailable, error);
        error.Should().Contain("socketio-hold: the target did not answer").And.NotContain("   at ");
    }

    [Fact]
    public async Task Load_against_a_server_that_answers_with_bytes_that_are_not_http_exits_3_naming_the_kind()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply("SSH-2.0-OpenSSH_9.6\r\n\r\n") { CloseAfter = TimeSpan.Zero });

        var (exit, error) = await ToolAsync(["load", "--url", $"{server.BaseUri}x", "--rate", "5", "--duration", "1", "--timeout-ms", "1000"]);

        exit.Should().Be(ExitCodes.TargetUnavailable, error);
        error.Should().Contain("load: the target did not answer as HTTP: none of").And.Contain("got a valid response (not-http ").And.NotContain("   at ");
    }

    [Fact]
    public async Task Run_against_a_server_whose_chunks_are_broken_exits_3_naming_the_kind()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedReply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n") { CloseAfter = TimeSpan.Zero });
        var script = Path.Combine(_directory, "chunks.yml");
        await File.WriteAllTextAsync(
            script,
            $"config:\n  target: {server.BaseUri.ToString().TrimEnd('/')}\n  phases:\n    - duration: 1\n      arrivalRate: 2\nscenarios:\n  - name: chunks\n    flow:\n      - get:\n          url: /x\n",
            TestContext.Current.CancellationToken);

        var (exit, error) = await ToolAsync(["run", script, "--report-dir", Path.Combine(_directory, "reports")]);

        exit.Should().Be(ExitCodes.TargetUnavailable, error);
        error.Should().Contain("run: the target did not answer as HTTP: none of").And.Contain("(bad-chunk ").And.NotContain("   at ");
    }

    [Fact]
    public async Task Compare_against_servers_that_never_answer_exits_3_after_the_warm_up_round_naming_the_side()
    {
        await using var baseline = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Hang));
        await using var candidate = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Hang));
        var scenarios = Path.Combine(AppContext.BaseDirectory, "PerfSuite.Scenarios.dll");

        // The real tool in a child process (it loads the scenario assembly as a user's would be). The warm-up round's
        // requests wait out the 30 s request timeout; before this change the rounds then ran on and compared nothing.
        await using var cli = CliProcess.Start(
            ["compare", "--scenarios", scenarios, "--scenario", "csr-login-load-data-idle", "--baseline", baseline.BaseUri.ToString(),
             "--candidate", candidate.BaseUri.ToString(), "--rounds", "3", "--round-seconds", "0.5", "--rate", "2", "--out", Path.Combine(_directory, "compare")]);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120));

        exit.Should().Be(ExitCodes.TargetUnavailable, cli.StandardError);
        cli.StandardError.Should().Contain("compare: the target did not answer: the baseline did not answer: none of").And.Contain("in the warm-up round").And.NotContain("   at ");
        baseline.Hung.Should().BePositive("the warm-up round's requests reached the silent server");
    }

    // perfsuite merge reads report folders only and contacts no server; perfsuite-lab serve is a server. Neither has a
    // "server that never answers" case.

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Exit, string Error)> ToolAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error);
        return (exit, error.ToString() + output);
    }

    private static async Task<(int Exit, string Error)> LabAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await LabCommandLine.RunAsync(args, output, error);
        return (exit, error.ToString() + output);
    }
}
