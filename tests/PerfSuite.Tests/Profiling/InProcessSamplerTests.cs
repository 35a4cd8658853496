using System.Net;
using System.Net.Http.Headers;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Profiling;

/// <summary>
/// The in-process sampler (perfsuite_sampler.py, embedded in PerfSuite.Hosting) loaded by the real reference API
/// (gunicorn + eventlet, its post_fork hook): recordings per case through the control folder, the greenlet dump on the
/// lab's blocking route, and the bearer-token HTTP control. No ptrace anywhere.
/// </summary>
[Trait("Category", "Load")]
public sealed class InProcessSamplerTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-sampler-").FullName;

    internal static QueueApiBuilder WithSampler(QueueApiBuilder builder, string folder)
    {
        InProcessSampler.WriteModule(folder);
        return builder
            .WithEnvironment(InProcessSampler.DirectoryVariable, folder)
            .WithEnvironment(InProcessSampler.ModulePathVariable, folder)
            .WithEnvironment("QUEUE_API_LAB_BLOCKING", "1");
    }

    internal static async Task WaitForWorkersAsync(SamplerFolder folder, int count, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        while (folder.LiveWorkers().Count < count)
        {
            await Task.Delay(50, bound.Token);
        }
    }

    [Fact]
    public void The_module_is_embedded_and_written_out_as_one_pure_python_file()
    {
        var path = InProcessSampler.WriteModule(_directory);

        Path.GetFileName(path).Should().Be("perfsuite_sampler.py");
        var source = File.ReadAllText(path);
        source.Should().Contain("sys._current_frames()").And.Contain("def post_fork");
        // No third-party import: only the standard library (greenlet, eventlet and gevent are looked up, never imported).
        source.Split('\n').Where(l => l.StartsWith("import ", StringComparison.Ordinal) || l.StartsWith("from ", StringComparison.Ordinal))
            .Should().OnlyContain(l => l == "import gc" || l == "import hmac" || l == "import os" || l == "import sys" || l == "import sysconfig");
    }

    [Fact]
    public async Task Two_recordings_of_two_workers_without_restarting_the_server_are_py_spy_raw_stacks_with_the_apis_own_frames()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = WithSampler(new QueueApiBuilder().WithWorkers(2), _directory).Build();
        await api.StartAsync(ct);
        var folder = new SamplerFolder(_directory);
        await WaitForWorkersAsync(folder, 2, ct);
        using var client = QueueApiClient.Anonymous(api);

        var profiles = new List<CollapsedStacks>();
        foreach (var id in new[] { "case-1", "case-2" })
        {
            await folder.StartAsync(id, ct);
            var until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until)
            {
                using var response = await client.Http.GetAsync(new Uri("/api/v1/healthz", UriKind.Relative), ct);
            }

            profiles.Add(await folder.StopAsync(id, ct));
        }

        var master = api.ProcessId!.Value;
        foreach (var profile in profiles)
        {
            profile.TotalSamples.Should().BeGreaterThan(50, "100 samples/s for 3 s in each worker");
            profile.Stacks.Should().OnlyContain(s => s.Frames[0].StartsWith($"process {master}:\"", StringComparison.Ordinal) && CollapsedStacks.IsProcessFrame(s.Frames[1]));
            // The API's own frames (healthz, its query, the auth hook): healthz alone is too short to be caught in every
        // 3 s recording on a loaded machine (seen in the landing gate).
        profile.Stacks.SelectMany(s => s.Frames).Should().Contain(f => f.Contains("(queue_api/", StringComparison.Ordinal));
            CollapsedStacks.Parse(profile.Format()).TotalSamples.Should().Be(profile.TotalSamples);
        }

        profiles[0].Stacks.Select(s => s.Frames[1]).Distinct().Should().HaveCount(2, "both workers recorded");
        Directory.EnumerateFiles(_directory, "case-*").Should().BeEmpty("the folder is cleaned after each stop");
    }

    [Fact]
    public async Task The_greenlet_dump_of_a_missed_budget_names_the_blocking_line_with_the_count_of_waiting_greenlets()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = WithSampler(new QueueApiBuilder(), _directory).Build();
        await api.StartAsync(ct);
        var folder = new SamplerFolder(_directory);
        await WaitForWorkersAsync(folder, 1, ct);
        var profiler = await ServerProfiler.ChooseAsync(ServerProfileMode.Sampler, new PySpyProfilerConfig(), folder, api, _ => { }, ct);
        using var client = QueueApiClient.Anonymous(api);

        var hold = client.Http.PostAsync(new Uri("/api/v1/lab/hold?seconds=3", UriKind.Relative), null, ct);
        await Task.Delay(300, ct);
        var blocked = Enumerable.Range(0, 12).Select(_ => client.Http.GetAsync(new Uri("/api/v1/lab/blocked", UriKind.Relative), ct)).ToList();
        await Task.Delay(700, ct);
        var caseDirectory = Path.Combine(_directory, "case");
        var dump = await profiler.DumpAsync(caseDirectory, _ => { }, ct);
        await Task.WhenAll([hold, .. blocked]);

        Path.GetFileName(dump).Should().Be("server-dump.txt");
        var text = await File.ReadAllTextAsync(dump!, ct);
        text.Should().Contain("12 greenlets waiting in queue_api/lab.py:27 blocked");
        text.Should().Contain("1 greenlet waiting in queue_api/lab.py:21 hold");
    }

    [Theory]
    [InlineData(ServerProfileMode.PySpy, "py-spy")]
    [InlineData(ServerProfileMode.Sampler, "the in-process sampler")]
    public async Task With_py_spy_and_the_sampler_both_available_the_dump_holds_py_spys_threads_and_every_greenlet_each_headed(ServerProfileMode mode, string recorder)
    {
        var ct = TestContext.Current.CancellationToken;
        using var pySpy = FakePySpy.Create();
        await using var api = WithSampler(new QueueApiBuilder(), _directory).Build();
        await api.StartAsync(ct);
        var folder = new SamplerFolder(_directory);
        await WaitForWorkersAsync(folder, 1, ct);
        var profiler = await ServerProfiler.ChooseAsync(mode, new PySpyProfilerConfig { Executable = pySpy.Executable }, folder, api, _ => { }, ct);
        using var client = QueueApiClient.Anonymous(api);

        var hold = client.Http.PostAsync(new Uri("/api/v1/lab/hold?seconds=6", UriKind.Relative), null, ct);
        await Task.Delay(300, ct);
        var blocked = Enumerable.Range(0, 5).Select(_ => client.Http.GetAsync(new Uri("/api/v1/lab/blocked", UriKind.Relative), ct)).ToList();
        await Task.Delay(700, ct);
        var dump = await profiler.DumpAsync(Path.Combine(_directory, "case"), _ => { }, ct);
        await Task.WhenAll([hold, .. blocked]);

        profiler.Recorder.Should().Be(recorder);
        profiler.Choice.Should().Contain("beside");
        var text = await File.ReadAllTextAsync(dump!, ct);
        text.Should().StartWith(ServerProfiler.PySpyDumpHeading);
        var greenlets = text.IndexOf(ServerProfiler.GreenletDumpHeading, StringComparison.Ordinal);
        greenlets.Should().BePositive();
        text[..greenlets].Should().Contain($"Process {api.ProcessId}:").And.Contain("Thread ");
        text[greenlets..].Should().Contain("5 greenlets waiting in queue_api/lab.py:27 blocked");
    }

    [Fact]
    public async Task The_http_control_is_off_by_default_refuses_a_missing_or_wrong_token_and_never_shows_the_token()
    {
        var ct = TestContext.Current.CancellationToken;
        const string token = "s3cret-sampler-token-0123456789";
        var port = FreePort.Next();
        await using var api = new QueueApiBuilder()
            .WithEnvironment(InProcessSampler.ModulePathVariable, _directory)
            .WithEnvironment(InProcessSampler.ListenVariable, $"127.0.0.1:{port}")
            .WithEnvironment(InProcessSampler.TokenVariable, token)
            .Build();
        InProcessSampler.WriteModule(_directory);
        await api.StartAsync(ct);
        var address = new Uri($"http://127.0.0.1:{port}");
        using var raw = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };

        using (var missing = await raw.PostAsync(new Uri("/record?id=x", UriKind.Relative), null, ct))
        {
            missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri("/dump", UriKind.Relative)))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
            using var response = await raw.SendAsync(wrong, ct);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await response.Content.ReadAsStringAsync(ct)).Should().NotContain(token);
        }

        using var refused = new SamplerEndpoint(address, "wrong-token-0123456789");
        var problem = await refused.ProblemAsync(ct);
        problem.Should().Contain("refused the token").And.NotContain(token).And.NotContain("wrong-token");
        var startRefused = async () => await refused.StartAsync("case-1", ct);
        (await startRefused.Should().ThrowAsync<ProfilerException>()).Which.Message.Should().Contain("401").And.NotContain("wrong-token");

        using var endpoint = new SamplerEndpoint(address, token);
        (await endpoint.ProblemAsync(ct)).Should().BeNull();
        var profiler = await ServerProfiler.ChooseAsync(ServerProfileMode.Sampler, new PySpyProfilerConfig(), endpoint, api, _ => { }, ct);
        var lines = new List<string>();
        var caseDirectory = Path.Combine(_directory, "case");
        await using (var recording = await profiler.StartAsync(caseDirectory, lines.Add, ct))
        {
            using var client = QueueApiClient.Anonymous(api);
            var until = DateTime.UtcNow.AddSeconds(1);
            while (DateTime.UtcNow < until)
            {
                using var response = await client.Http.GetAsync(new Uri("/api/v1/healthz", UriKind.Relative), ct);
            }

            var profile = await recording.StopAsync("remote", lines.Add);
            profile.HotSpots.HasProfile.Should().BeTrue();
            profile.HotSpots.Note.Should().Contain("in-process sampler").And.Contain(address.ToString()).And.NotContain(token);
        }

        var dump = await profiler.DumpAsync(caseDirectory, lines.Add, ct);
        (await File.ReadAllTextAsync(dump!, ct)).Should().Contain("greenlet");
        lines.Should().NotContain(l => l.Contains(token, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(caseDirectory))
        {
            (await File.ReadAllTextAsync(file, ct)).Should().NotContain(token, file);
        }

        api.LogTail.Should().NotContain(token);
    }

    [Fact]
    public async Task Without_its_variables_the_server_imports_no_sampler_and_serves_no_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = new QueueApiBuilder().WithEnvironment(InProcessSampler.ModulePathVariable, _directory).Build();
        await api.StartAsync(ct);

        var folder = new SamplerFolder(_directory);
        (await folder.ProblemAsync(ct)).Should().Contain("no worker has loaded the in-process sampler");
    }

    [Fact]
    public async Task A_frame_without_a_line_number_is_named_by_its_first_line_instead_of_stopping_the_sampler_thread()
    {
        // Python 3.11+ gives f_lineno None for a frame that has not started its first line; "%d" % None raised in the
        // sampler's thread, which then ended without a word, and the next stop waited in vain for the worker's stacks.
        var ct = TestContext.Current.CancellationToken;
        InProcessSampler.WriteModule(_directory);

        var (exit, output) = await RunPythonAsync(
            "import sys, types; sys.path.insert(0, sys.argv[1]); import perfsuite_sampler as s; " +
            "code = compile('\\n\\nx = 1', '/srv/app/x.py', 'exec'); " +
            "print(s.frame_name(types.SimpleNamespace(f_code=code, f_lineno=None, f_back=None)))",
            new Dictionary<string, string>(), ct);

        exit.Should().Be(0, output);
        output.Trim().Should().EndWith("x.py:1)").And.StartWith("<module> (");
    }

    private async Task<(int Exit, string Output)> RunPythonAsync(string code, Dictionary<string, string> environment, CancellationToken ct)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-c", code, _directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove(InProcessSampler.DirectoryVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var python = System.Diagnostics.Process.Start(start)!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            var output = python.StandardOutput.ReadToEndAsync(bound.Token);
            var errors = python.StandardError.ReadToEndAsync(bound.Token);
            await python.WaitForExitAsync(bound.Token);
            return (python.ExitCode, await output + await errors);
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task With_only_the_http_control_the_sampler_creates_no_folder_that_it_would_leave_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        InProcessSampler.WriteModule(_directory);
        var temp = Directory.CreateDirectory(Path.Combine(_directory, "tmp")).FullName;

        var (exit, output) = await RunPythonAsync(
            "import sys, time; sys.path.insert(0, sys.argv[1]); import perfsuite_sampler as s; " +
            "assert s.start(parent=False); time.sleep(0.5); s.stop(); time.sleep(0.3)",
            new Dictionary<string, string>
            {
                ["TMPDIR"] = temp,
                [InProcessSampler.ListenVariable] = $"127.0.0.1:{FreePort.Next()}",
                [InProcessSampler.TokenVariable] = "a-token-of-at-least-16-characters",
            },
            ct);

        exit.Should().Be(0, output);
        Directory.EnumerateFileSystemEntries(temp).Should().BeEmpty("the HTTP control needs no folder, and a temporary one would outlive the worker");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
