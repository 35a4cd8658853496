using System.Diagnostics;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Faults;

/// <summary>Runs the fault matrix alone: its large-body row measures the test process's allocations, and its stall rows time requests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultMatrixAlone
{
    public const string Name = "Fault matrix (alone)";
}

/// <summary>
/// The fault matrix (docs/reliability.md): one row per fault, each against a real server the test controls, through the real
/// engine (<see cref="LoadRunner"/>) with a short profile. Every row asserts that the run ends within its planned duration
/// + request timeout + a grace, that each fault is counted exactly as the server says it happened, that requests add up
/// (requests = Σ codes + transport errors), and that the four reports are written and do not pass an error-rate budget.
/// </summary>
[Trait("Category", "Faults")]
[Collection(FaultMatrixAlone.Name)]
public sealed class FaultMatrixTests : IDisposable
{
    private const string Name = "faults";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly ScenarioBudget Budget =
        BudgetFile.Parse($$"""{ "version": 1, "scenarios": { "{{Name}}": { "smoke": { "error_rate": 0.01 } } } }""", "budgets.json").For(Name, "smoke");

    private readonly string _reports = Directory.CreateTempSubdirectory("perfsuite-faults-").FullName;

    [Fact]
    public async Task A_server_closing_connections_without_a_response_is_counted_connection_closed_once_per_dropped_attempt()
    {
        await using var server = new LoopbackHttpServer(n => n % 3 == 0 ? FaultBehaviour.CloseWithoutResponse : FaultBehaviour.Ok);

        var run = await RunAsync(server.BaseUri, Reads(), Steady(TimeSpan.FromSeconds(2), 5), TimeSpan.FromSeconds(2));

        server.ClosedWithoutResponse.Should().BePositive();
        run.Summary.Errors.Should().Equal(new Dictionary<string, long> { ["connection-closed"] = server.ClosedWithoutResponse });
        run.Summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = server.Answered });
        run.Summary.Requests.Should().Be(server.Requests);
        run.Summary.Requests.Should().Be(server.Answered + server.ClosedWithoutResponse);
        run.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task A_server_resetting_connections_is_counted_connection_reset_once_per_reset()
    {
        await using var server = new LoopbackHttpServer(n => n % 3 == 0 ? FaultBehaviour.ResetConnection : FaultBehaviour.Ok);

        var run = await RunAsync(server.BaseUri, Reads(), Steady(TimeSpan.FromSeconds(2), 5), TimeSpan.FromSeconds(2));

        server.Reset.Should().BePositive();
        run.Summary.Errors.Should().Equal(new Dictionary<string, long> { ["connection-reset"] = server.Reset });
        run.Summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = server.Answered });
        run.Summary.Requests.Should().Be(server.Requests);
        run.Summary.Requests.Should().Be(server.Answered + server.Reset);
        run.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task Every_503_the_server_sent_is_a_503_code_and_a_failed_request()
    {
        await using var server = new LoopbackHttpServer(n => n % 3 == 0 ? new FaultBehaviour(FaultKind.Answer, Status: 503) : FaultBehaviour.Ok);

        var run = await RunAsync(server.BaseUri, Reads(), Steady(TimeSpan.FromSeconds(2), 5), TimeSpan.FromSeconds(2));

        server.AnsweredWith(503).Should().BePositive();
        run.Summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = server.AnsweredWith(200), ["503"] = server.AnsweredWith(503) });
        run.Summary.FailedRequests.Should().Be(server.AnsweredWith(503));
        run.Summary.Errors.Should().BeEmpty("a 5xx answer is a code, not a transport error");
        run.Summary.Requests.Should().Be(server.Requests).And.Be(server.Answered);
        run.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task A_body_that_trickles_past_the_request_timeout_is_a_timeout_not_a_code()
    {
        var timeout = TimeSpan.FromSeconds(1);
        await using var server = new LoopbackHttpServer(n => n % 2 == 0 ? new FaultBehaviour(FaultKind.SlowBody, Delay: TimeSpan.FromSeconds(4)) : FaultBehaviour.Ok);

        var run = await RunAsync(server.BaseUri, [Scenario.Create(Name).Get("/slow").Build()], Steady(TimeSpan.FromSeconds(3), 5), timeout);

        server.SlowBodies.Should().BePositive();
        run.Summary.Errors.Should().Equal(new Dictionary<string, long> { ["timeout"] = server.SlowBodies }, "each held-back body is one timeout");
        run.Summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = server.AnsweredWith(200) }, "the head's 200 of a body that never came is not a code");
        run.Summary.Requests.Should().Be(server.Requests).And.Be(server.AnsweredWith(200) + server.SlowBodies);
        run.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task A_server_that_never_answers_is_one_timeout_per_request_and_nothing_else()
    {
        var timeout = TimeSpan.FromMilliseconds(500);
        await using var server = new LoopbackHttpServer(n => n % 2 == 0 ? new FaultBehaviour(FaultKind.Hang) : FaultBehaviour.Ok);

        var run = await RunAsync(server.BaseUri, [Scenario.Create(Name).Get("/hang").Build()], Steady(TimeSpan.FromSeconds(3), 10), timeout);

        server.Hung.Should().BePositive();
        run.Summary.Errors.Should().Equal(new Dictionary<string, long> { ["timeout"] = server.Hung }, "the client's own close after its timeout is not the server closing the connection");
        run.Summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = server.AnsweredWith(200) });
        run.Summary.Requests.Should().Be(server.Requests);
        run.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task A_64_mb_body_that_no_check_reads_is_drained_not_buffered()
    {
        const int bodyBytes = 64 * 1024 * 1024;
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.LargeBody, BodyBytes: bodyBytes));
        var profile = new LoadProfile("smoke", [new ConstantUsersPhase("large", TimeSpan.FromSeconds(2), 2)]);
        GC.Collect();
        var heldBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var run = await RunAsync(server.BaseUri, [Scenario.Create(Name).Get("/large").Build()], profile, TimeSpan.FromSeconds(10));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heldGrowth = GC.GetTotalMemory(forceFullCollection: true) - heldBefore;
        var bodyTotal = server.Answered * (long)bodyBytes;
        server.Answered.Should().BeGreaterThanOrEqualTo(2);
        run.Summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = server.Answered });
        run.Summary.Errors.Should().BeEmpty();
        run.Summary.Requests.Should().Be(server.Requests);
        allocated.Should().BeLessThan(Math.Min(bodyTotal / 4, 48L * 1024 * 1024), $"{bodyTotal / 1_048_576} MB of bodies went through; an unchecked body is drained, not buffered");
        heldGrowth.Should().BeLessThan(16L * 1024 * 1024);
        run.Verdict.Passed.Should().BeTrue("the server answered every request");
    }

    [Fact]
    public async Task A_server_stalled_with_sigstop_times_requests_out_and_the_run_recovers_after_sigcont()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PythonFaultServer.StartAsync(ct);
        var run = RunAsync(server.BaseUri, [Scenario.Create(Name).Get("/ping").Build()], Steady(TimeSpan.FromSeconds(6), 10), TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);

        server.Stall();
        var servedAtStall = server.Served;
        await Task.Delay(TimeSpan.FromSeconds(2.5), ct);
        server.Resume();
        var result = await run;

        servedAtStall.Should().BePositive();
        var summary = result.Summary;
        // Only timeouts: a request our own timeout tore down is not also a connection the server closed (it was, before the
        // fix in AttemptTrackingStream, found by A_server_that_never_answers_is_one_timeout_per_request_and_nothing_else).
        summary.Errors.Keys.Should().Equal(["timeout"], "a stalled server accepts connections but answers nothing");
        summary.Errors["timeout"].Should().BeGreaterThanOrEqualTo(10, "about 2.5 s of arrivals at 10/s met a stalled server");
        summary.Codes.Keys.Should().Equal(["200"]);
        summary.Codes["200"].Should().BeGreaterThan(servedAtStall, "answers came again after SIGCONT").And.BeLessThanOrEqualTo(server.Served);
        summary.Requests.Should().Be(summary.Codes["200"] + summary.Errors.Values.Sum());
        result.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task A_server_killed_mid_run_is_refused_afterwards_and_every_request_is_accounted_for()
    {
        // Also covered for the reference API: LoadTestSessionTargetDeathTests (SIGKILL of the gunicorn master fails the run at once).
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PythonFaultServer.StartAsync(ct);
        var run = RunAsync(server.BaseUri, [Scenario.Create(Name).Get("/ping").Build()], Steady(TimeSpan.FromSeconds(4), 10), TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);

        server.Kill();
        var result = await run;

        var summary = result.Summary;
        summary.Errors.Keys.Should().Contain("connection-refused").And.BeSubsetOf(["connection-refused", "connection-reset", "connection-closed"]);
        summary.Errors["connection-refused"].Should().BeGreaterThanOrEqualTo(15, "about 2.5 s of arrivals at 10/s found the port closed");
        summary.Codes.Keys.Should().Equal(["200"]);
        summary.Codes["200"].Should().BePositive().And.BeLessThanOrEqualTo(server.Served);
        summary.Requests.Should().Be(summary.Codes["200"] + summary.Errors.Values.Sum());
        result.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task A_socket_io_server_dropping_its_clients_counts_socket_errors_with_the_shared_vocabulary()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = new QueueApiBuilder().Build();
        await api.StartAsync(ct);
        var token = await QueueApiClient.GetTokenAsync(api, api.Credentials, ct);
        var flow = Scenario.Create(Name)
            .SocketIoConnect("/api/v1/socket.io")
            .EmitWithAck("joinRoom", ["office_1"])
            .Think(TimeSpan.FromSeconds(2))
            .EmitWithAck("joinRoom", ["office_1"])
            .SocketIoDisconnect()
            .Build();
        var master = api.ProcessId!.Value;
        var run = RunAsync(api.BaseUri, [flow], Steady(TimeSpan.FromSeconds(4), 4), TimeSpan.FromSeconds(2), Engine.Auth.StaticTokenProvider.FromValue(token));
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);

        var workers = ProcessGroup.Members(master).Where(pid => pid != master).ToList();
        workers.Should().NotBeEmpty();
        foreach (var worker in workers)
        {
            ProcessGroup.Signal(worker, ProcessGroup.SigKill).Should().BeTrue();
        }

        var result = await run;

        var summary = result.Summary;
        var vocabulary = Enumerable.Range(0, ErrorKinds.Count).Select(i => ErrorKinds.ToKey((ErrorKind)i)).ToList();
        summary.Errors.Keys.Should().BeSubsetOf(vocabulary);
        summary.Errors.Keys.Should().BeSubsetOf(["socket-disconnect", "connection-reset", "connection-closed", "connection-refused", "timeout"]);
        summary.Errors.Values.Sum().Should().BeGreaterThanOrEqualTo(workers.Count, "the users connected to the killed worker lost their socket");
        summary.Requests.Should().Be(summary.Codes.Values.Sum() + summary.Errors.Values.Sum());
        summary.ScenariosFailed.Should().BePositive();
        result.Verdict.Passed.Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(_reports, recursive: true);

    private static LoadProfile Steady(TimeSpan duration, double rate) => new("smoke", [new ArrivalPhase("steady", duration, rate)]);

    private static List<Scenario> Reads() => [Scenario.Create(Name).Get("/a").Get("/b").Get("/c").Get("/d").Get("/e").Get("/f").Build()];

    private async Task<FaultRun> RunAsync(Uri target, IReadOnlyList<Scenario> scenarios, LoadProfile profile, TimeSpan requestTimeout, Engine.Auth.ITokenProvider? tokens = null)
    {
        var options = new LoadRunOptions(target, scenarios, profile)
        {
            Name = $"{Name} / smoke",
            RequestTimeout = requestTimeout,
            GracefulStop = requestTimeout,
            TokenProvider = tokens ?? Engine.Auth.NoTokenProvider.Instance,
        };
        var bound = profile.Plan().Duration + requestTimeout + Grace;
        var elapsed = Stopwatch.StartNew();

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken).WaitAsync(bound + TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{summary.Requests} requests in {elapsed.Elapsed.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0} s); codes {string.Join(", ", summary.Codes.Select(c => $"{c.Key}={c.Value}"))}; "
            + $"errors {string.Join(", ", summary.Errors.Select(e => $"{e.Key}={e.Value}"))}");
        elapsed.Elapsed.Should().BeLessThan(bound, "a run ends within its planned duration + the request timeout + a grace, whatever the server does");
        var transportErrors = summary.Errors.Where(e => e.Key is not ("capture-failed" or "unexpected-status" or "check-failed")).Sum(e => e.Value);
        summary.Requests.Should().Be(summary.Codes.Values.Sum() + transportErrors, "requests = answered + errors");
        summary.ScenariosLaunched.Should().Be(summary.ScenariosCompleted + summary.ScenariosFailed);
        var verdict = BudgetEvaluator.Evaluate(summary, Budget);
        var directory = Path.Combine(_reports, Guid.NewGuid().ToString("n"));
        var written = await ReportWriter.CreateStandard().WriteAsync(new ReportContext(summary, new RunMetadata("faults", Name, "smoke", target.ToString()), verdict), directory, CancellationToken.None);
        written.Select(Path.GetFileName).Should().BeEquivalentTo("summary.txt", "report.md", "report.html", "report.json");
        written.Should().OnlyContain(path => new FileInfo(path).Length > 0);
        (await File.ReadAllTextAsync(Path.Combine(directory, "summary.txt"))).Should().Contain(verdict.Passed ? "Budget: PASS" : "Budget: FAIL");
        return new FaultRun(summary, verdict);
    }

    private sealed record FaultRun(RunSummary Summary, BudgetVerdict Verdict);
}
