using PerfSuite.Hosting.Profiling;

namespace PerfSuite.Tests.Profiling;

public sealed class PySpyDumpTests : IDisposable
{
    private readonly FakePySpy _fake = FakePySpy.Create();
    private readonly SleepingPython _python = SleepingPython.Start();

    [Fact]
    public async Task A_dump_with_subprocesses_shows_the_process_and_its_child_and_is_run_as_dump_pid_subprocesses()
    {
        var child = _python.Children().Single();

        var dump = await PySpyDump.RunAsync(new PySpyProfilerConfig { Executable = _fake.Executable }, _python.Pid, TestContext.Current.CancellationToken);

        _fake.LoggedArguments().Should().Equal("dump", "--pid", _python.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--subprocesses");
        dump.Should().StartWith($"Process {_python.Pid}: ").And.Contain($"Process {child}: ").And.Contain("Thread ");
    }

    [Fact]
    public async Task A_dump_of_a_process_that_is_gone_fails_with_py_spys_error()
    {
        var dump = () => PySpyDump.RunAsync(new PySpyProfilerConfig { Executable = _fake.Executable }, 99_999_999, TestContext.Current.CancellationToken);

        (await dump.Should().ThrowAsync<ProfilerException>()).Which.Message
            .Should().Contain("exited with code 1").And.Contain("Failed to get process executable name");
    }

    public void Dispose()
    {
        _python.Dispose();
        _fake.Dispose();
    }
}
