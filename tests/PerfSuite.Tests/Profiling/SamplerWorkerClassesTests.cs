using System.Diagnostics;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Tests.Profiling;

/// <summary>
/// The in-process sampler under gunicorn's other worker classes (the reference API runs eventlet): a small WSGI app with
/// a CPU-bound route and a sleeping route, loaded by a post_fork hook, under <c>sync</c> and <c>gevent</c> workers.
/// The CPU-bound route runs for tens of milliseconds: the sampler, a Python thread, gets the GIL from pure Python code only
/// at the 5 ms switch interval, so a route of 1–2 ms was never caught in its own frame (seen: only the socket writes).
/// Skips with the reason where gunicorn or gevent (Debian's python3-gevent) is missing.
/// </summary>
public sealed class SamplerWorkerClassesTests : IAsyncDisposable
{
    private const string App = """
        import time


        def busy(n):
            total = 0
            for i in range(n):
                total += i * i
            return total


        def wait():
            time.sleep(4)


        def app(environ, start_response):
            if environ.get("PATH_INFO") == "/wait":
                wait()
            else:
                busy(500000)
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]

        """;

    private const string Config = """
        import os
        import sys

        bind = "127.0.0.1:" + os.environ["PORT"]
        workers = 1
        worker_class = os.environ["WORKER_CLASS"]
        accesslog = None


        def post_fork(server, worker):
            sys.path.insert(0, os.environ["PERFSUITE_SAMPLER_PATH"])
            import perfsuite_sampler

            perfsuite_sampler.start()

        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-sampler-workers-").FullName;

    [Theory]
    [InlineData("sync")]
    [InlineData("gevent")]
    public async Task Under_gunicorn_workers_of_each_class_the_sampler_records_the_apps_own_frames(string workerClass)
    {
        var ct = TestContext.Current.CancellationToken;
        await SkipUnlessImportsAsync(workerClass == "gevent" ? "gunicorn, gevent" : "gunicorn", ct);
        await using var server = Server(workerClass);
        await server.StartAsync(ct);
        var folder = new SamplerFolder(Path.Combine(_directory, "control"));
        await InProcessSamplerTests.WaitForWorkersAsync(folder, 1, ct);
        using var client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };

        await folder.StartAsync("case", ct);
        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            using var response = await client.GetAsync(new Uri("/busy", UriKind.Relative), ct);
            response.EnsureSuccessStatusCode();
        }

        var profile = await folder.StopAsync("case", ct);

        profile.TotalSamples.Should().BeGreaterThan(20);
        profile.Stacks.Should().OnlyContain(s => s.Frames[0].StartsWith($"process {server.ProcessId}:\"", StringComparison.Ordinal));
        profile.Stacks.SelectMany(s => s.Frames).Should().Contain(f => f.StartsWith("busy (app.py:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_a_gevent_worker_the_dump_counts_every_sleeping_greenlet_on_its_line()
    {
        var ct = TestContext.Current.CancellationToken;
        await SkipUnlessImportsAsync("gunicorn, gevent", ct);
        await using var server = Server("gevent");
        await server.StartAsync(ct);
        var folder = new SamplerFolder(Path.Combine(_directory, "control"));
        await InProcessSamplerTests.WaitForWorkersAsync(folder, 1, ct);
        using var client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };

        var waiting = Enumerable.Range(0, 6).Select(_ => client.GetAsync(new Uri("/wait", UriKind.Relative), ct)).ToList();
        await Task.Delay(800, ct);
        var dump = await folder.DumpAsync("waiting", ct);
        await Task.WhenAll(waiting);

        dump.Should().Contain("6 greenlets waiting in app.py:12 wait");
    }

    private ProcessTarget Server(string workerClass)
    {
        File.WriteAllText(Path.Combine(_directory, "app.py"), App);
        File.WriteAllText(Path.Combine(_directory, "gunicorn.conf.py"), Config);
        InProcessSampler.WriteModule(_directory);
        Directory.CreateDirectory(Path.Combine(_directory, "control"));
        return new ProcessTargetBuilder("/usr/bin/python3")
            .WithArguments("-m", "gunicorn", "-c", "gunicorn.conf.py", "app:app")
            .WithWorkingDirectory(_directory)
            .WithEnvironment("WORKER_CLASS", workerClass)
            .WithEnvironment(InProcessSampler.DirectoryVariable, Path.Combine(_directory, "control"))
            .WithEnvironment(InProcessSampler.ModulePathVariable, _directory)
            .WithReadiness(new HttpWaitStrategy("/busy"))
            .WithName($"gunicorn {workerClass}")
            .Build();
    }

    private static async Task SkipUnlessImportsAsync(string modules, CancellationToken ct)
    {
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", $"import {modules}" }, RedirectStandardError = true })!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        var errors = await python.StandardError.ReadToEndAsync(bound.Token);
        await python.WaitForExitAsync(bound.Token);
        if (python.ExitCode != 0)
        {
            Assert.Skip($"/usr/bin/python3 cannot import {modules} (Debian: apt-get install python3-gunicorn python3-gevent): {errors.Trim().Split('\n')[^1]}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
