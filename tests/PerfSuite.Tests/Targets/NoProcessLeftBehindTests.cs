using System.Diagnostics;
using System.Globalization;
using PerfSuite.Cli;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Thresholds;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Targets;

/// <summary>
/// After a passing, a failing (budget missed) and a cancelled run of the embedded reference API, and after Ctrl+C to
/// <c>perfsuite-lab serve</c>: no gunicorn master or worker is left (not in its process group, not among the test process's
/// descendants, no process mentions its port or its temporary folder), its port is free and its folder is gone.
/// The killed-host case is <see cref="QueueApiOrphanTests"/>.
/// </summary>
[Trait("Category", "Faults")]
public sealed class NoProcessLeftBehindTests : IDisposable
{
    private const string Name = "healthz";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly string _artifacts = Directory.CreateTempSubdirectory("perfsuite-leftovers-").FullName;

    [Fact]
    public async Task A_passing_run_leaves_no_process_and_frees_the_port()
    {
        var result = await RunAndCheckAsync("""{ "error_rate": 1 }""", TimeSpan.FromSeconds(2), cancelAfter: null);

        result.Verdict.Passed.Should().BeTrue();
    }

    [Fact]
    public async Task A_run_that_missed_its_budget_leaves_no_process_and_frees_the_port()
    {
        var result = await RunAndCheckAsync("""{ "p95_ms": 0.001 }""", TimeSpan.FromSeconds(2), cancelAfter: null);

        result.Verdict.Passed.Should().BeFalse();
        result.Verdict.Cancelled.Should().BeFalse();
    }

    [Fact]
    public async Task A_cancelled_run_leaves_no_process_and_frees_the_port()
    {
        var result = await RunAndCheckAsync("""{ "error_rate": 1 }""", TimeSpan.FromSeconds(60), cancelAfter: TimeSpan.FromSeconds(1.5));

        result.Summary.Cancelled.Should().BeTrue();
        result.Verdict.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task Ctrl_c_to_perfsuite_serve_after_a_load_run_leaves_no_process_and_frees_the_port()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var serve = CliProcess.StartLab(["serve", "--workers", "2"]);
        var parts = (await serve.ReadLineAsync(l => l.StartsWith("queue-api ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct)).Split(' ');
        var baseUri = new Uri(parts[1]);
        var master = int.Parse(parts[3], CultureInfo.InvariantCulture);
        try
        {
            var server = Observe(master, baseUri.Port);
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await CommandLine.RunAsync(["load", "--url", $"{baseUri.ToString().TrimEnd('/')}/api/v1/healthz", "--rate", "10", "--duration", "1"], output, error);
            exit.Should().Be(0, error.ToString());

            serve.Interrupt();
            (await serve.WaitForExitAsync(Bound)).Should().NotBeNull("serve stops on Ctrl+C");

            await ShouldBeGoneAsync(server);
        }
        finally
        {
            ProcessGroup.SignalGroup(master, ProcessGroup.SigKill);
        }
    }

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    private async Task<LoadTestResult> RunAndCheckAsync(string limits, TimeSpan duration, TimeSpan? cancelAfter)
    {
        var ct = TestContext.Current.CancellationToken;
        var target = new QueueApiBuilder().WithWorkers(2).Build();
        StartedServer server;
        LoadTestResult result;
        try
        {
            await target.StartAsync(ct);
            server = Observe(target.ProcessId!.Value, target.BaseUri.Port);
            var budgets = BudgetFile.Parse($$"""{ "version": 1, "scenarios": { "{{Name}}": { "smoke": {{limits}} } } }""", "budgets.json");
            await using var session = new LoadTestSession(target, NoTokenProvider.Instance, budgets, _artifacts, Guid.NewGuid().ToString("n"));
            var profile = new LoadTestProfile("smoke", new LoadProfile("smoke", [new ArrivalPhase("steady", duration, 10)]));
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (cancelAfter is { } after)
            {
                cancel.CancelAfter(after);
            }

            result = await session.RunAsync(Name, [Scenario.Create(Name).Get("/api/v1/healthz").Build()], profile, cancel.Token).WaitAsync(duration + Bound, ct);
            File.Exists(Path.Combine(result.ReportDirectory, "report.json")).Should().BeTrue();
        }
        finally
        {
            // Disposed with the session; again here in case the session was never created (a no-op otherwise).
            await target.DisposeAsync();
        }

        await ShouldBeGoneAsync(server);
        return result;
    }

    /// <summary>What to look for once the server should be gone: its group, its processes, its port and its folder.</summary>
    private static StartedServer Observe(int master, int port)
    {
        var members = ProcessGroup.Members(master);
        members.Should().Contain(master).And.HaveCountGreaterThanOrEqualTo(2, "the gunicorn master and its workers run");
        var database = ProcessTree.Environment(master).Split('\n').Single(v => v.StartsWith("QUEUE_API_DB=", StringComparison.Ordinal))["QUEUE_API_DB=".Length..];
        ProcessTree.Descendants(Environment.ProcessId).Should().Contain(members, "the lookup finds the server among the test process's descendants");
        ProcessTree.IsListening(port).Should().BeTrue("the server listens while it runs");
        ProcessTree.Mentioning($"QUEUE_API_PORT={port}\n").Should().NotBeEmpty("the lookup finds the running server");
        return new StartedServer(master, members, port, Path.GetDirectoryName(database)!);
    }

    private static async Task ShouldBeGoneAsync(StartedServer server)
    {
        var markers = new[] { $"QUEUE_API_PORT={server.Port}\n", server.Folder };
        string Leftovers()
        {
            var inGroup = ProcessGroup.Members(server.Master);
            var descendants = ProcessTree.Descendants(Environment.ProcessId).Where(server.Processes.Contains);
            var mentioning = ProcessTree.Mentioning(markers);
            var parts = new List<string>();
            if (inGroup.Count > 0)
            {
                parts.Add($"process group {server.Master}: {string.Join(", ", inGroup)}");
            }

            if (descendants.Any())
            {
                parts.Add($"children of the test process: {string.Join(", ", descendants)}");
            }

            if (mentioning.Count > 0)
            {
                parts.Add($"processes naming port {server.Port} or {server.Folder}: {string.Join("; ", mentioning)}");
            }

            if (ProcessTree.IsListening(server.Port))
            {
                parts.Add($"port {server.Port} still listens");
            }

            if (Directory.Exists(server.Folder))
            {
                parts.Add($"{server.Folder} still exists");
            }

            return string.Join(Environment.NewLine, parts);
        }

        var elapsed = Stopwatch.StartNew();
        var left = Leftovers();
        while (left.Length > 0 && elapsed.Elapsed < Bound)
        {
            await Task.Delay(100);
            left = Leftovers();
        }

        left.Should().BeEmpty("nothing of the reference API may outlive its run");
    }

    private sealed record StartedServer(int Master, IReadOnlyList<int> Processes, int Port, string Folder);
}
