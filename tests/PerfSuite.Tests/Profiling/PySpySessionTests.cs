using System.Text.Json;
using System.Xml.Linq;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Tests.Profiling;

public sealed class PySpySessionTests : IDisposable
{
    // Fast enough for unit tests; the fake attaches (or fails) within a few tens of milliseconds.
    private static readonly TimeSpan StartupCheck = TimeSpan.FromMilliseconds(500);

    private readonly FakePySpy _fake = FakePySpy.Create();

    // The fake, like py-spy, records only Python processes.
    private readonly SleepingPython _python = SleepingPython.Start();

    private int LivePid => _python.Pid;

    [Fact]
    public async Task Start_then_stop_writes_a_valid_flamegraph_and_returns_its_path()
    {
        var output = Path.Combine(_fake.Directory, "run", "profile.svg");
        await using var session = new PySpySession(Config() with { OutputPath = output });

        await session.StartAsync(LivePid, TestContext.Current.CancellationToken);
        var path = await session.StopAsync();

        path.Should().Be(output);
        XDocument.Load(path).Root!.Name.LocalName.Should().Be("svg");
        session.ProcessId.Should().BeNull("py-spy has exited");
    }

    [Fact]
    public async Task Py_spy_is_run_as_record_with_output_pid_format_rate_and_the_chosen_flags()
    {
        var output = Path.Combine(_fake.Directory, "profile.json");
        var config = Config() with { OutputPath = output, Format = PySpyOutputFormat.Speedscope, SamplingRate = 250, Nonblocking = false, Idle = true };
        await using var session = new PySpySession(config);

        await session.StartAsync(LivePid, TestContext.Current.CancellationToken);
        var path = await session.StopAsync();

        _fake.LoggedArguments().Should().Equal(
            "record", "-o", output, "--pid", LivePid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "speedscope", "--rate", "250", "--subprocesses", "--idle");
        using var profile = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        profile.RootElement.GetProperty("profiles").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task A_pid_that_does_not_exist_fails_the_start_with_py_spys_own_error()
    {
        await using var session = new PySpySession(Config() with { OutputPath = Path.Combine(_fake.Directory, "profile.svg") });

        var start = () => session.StartAsync(int.MaxValue, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ProfilerException>()).Which.Message
            .Should().Contain("exited with code 1").And.Contain("Error: Failed to get process executable name. Check that the process is running.");
        session.ProcessId.Should().BeNull();
    }

    [Fact]
    public async Task Stop_sends_SIGINT_only_once_so_a_slow_write_is_not_cancelled()
    {
        using var slow = FakePySpy.Create(writeSeconds: 1.0);
        await using var session = new PySpySession(Config(slow) with { OutputPath = Path.Combine(slow.Directory, "profile.svg") });
        await session.StartAsync(LivePid, TestContext.Current.CancellationToken);

        var path = await session.StopAsync();

        File.Exists(path).Should().BeTrue("a second SIGINT during the write would have cancelled the profile");
    }

    [Fact]
    public async Task A_py_spy_that_ignores_SIGINT_is_killed_after_the_stop_timeout_and_the_error_says_so()
    {
        using var hung = FakePySpy.Create(ignoresSigint: true);
        var output = Path.Combine(hung.Directory, "profile.svg");
        await using var session = new PySpySession(Config(hung) with { OutputPath = output, StopTimeout = TimeSpan.FromSeconds(1) });
        await session.StartAsync(LivePid, TestContext.Current.CancellationToken);
        var pid = session.ProcessId!.Value;

        var stop = () => session.StopAsync();

        (await stop.Should().ThrowAsync<ProfilerException>()).Which.Message
            .Should().Contain("did not exit within 1 s after SIGINT, so it was killed").And.Contain(output);
        ProcessGroup.Members(pid).Should().BeEmpty();
        File.Exists(output).Should().BeFalse();
    }

    [Fact]
    public async Task Dispose_without_stop_kills_py_spy_and_leaves_nothing_running()
    {
        var output = Path.Combine(_fake.Directory, "profile.svg");
        var session = new PySpySession(Config() with { OutputPath = output });
        await session.StartAsync(LivePid, TestContext.Current.CancellationToken);
        var pid = session.ProcessId!.Value;

        await session.DisposeAsync();

        ProcessGroup.Members(pid).Should().BeEmpty();
        File.Exists($"/proc/{pid}/stat").Should().BeFalse("the killed py-spy has been reaped");
        File.Exists(output).Should().BeFalse("a killed py-spy writes no profile");
    }

    [Fact]
    public async Task A_missing_executable_fails_the_start_with_a_readable_error()
    {
        await using var session = new PySpySession(Config() with { Executable = Path.Combine(_fake.Directory, "no-such-py-spy") });

        var start = () => session.StartAsync(LivePid, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ProfilerException>()).Which.Message.Should().Contain("no-such-py-spy");
    }

    [Fact]
    public async Task A_process_that_is_not_Python_fails_the_start_with_py_spys_own_error()
    {
        await using var session = new PySpySession(Config() with { OutputPath = Path.Combine(_fake.Directory, "profile.txt") });

        var start = () => session.StartAsync(Environment.ProcessId, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ProfilerException>()).Which.Message
            .Should().Contain("exited with code 1").And.Contain("Error: Failed to find python version from target process");
    }

    [Fact]
    public async Task A_raw_recording_names_the_process_and_its_child_in_py_spys_process_frames()
    {
        var output = Path.Combine(_fake.Directory, "profile.txt");
        await using var session = new PySpySession(Config() with { OutputPath = output, Format = PySpyOutputFormat.Raw });
        await session.StartAsync(LivePid, TestContext.Current.CancellationToken);

        var path = await session.StopAsync();

        var child = _python.Children().Single();
        var lines = File.ReadAllLines(path);
        lines.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith($"process {LivePid}:\"/usr/bin/python3 -c import subprocess", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains($";process {child}:\"/usr/bin/python3 -c import time; time.sleep(300)\";main (eventlet/greenthread.py:221);", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _python.Dispose();
        _fake.Dispose();
    }

    private PySpyProfilerConfig Config(FakePySpy? other = null) =>
        new() { Executable = (other ?? _fake).Executable, StartupCheck = StartupCheck };
}
