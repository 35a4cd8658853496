using PerfSuite.Hosting.Profiling;

namespace PerfSuite.Tests.Profiling;

public sealed class PySpyPreconditionsTests : IDisposable
{
    private static readonly PtraceAccess Allowed = new(0, IsRoot: false, HasSysPtrace: false);
    private readonly FakePySpy _fake = FakePySpy.Create();

    [Fact]
    public void Py_spy_on_PATH_a_local_pid_and_ptrace_allowed_have_no_problem()
    {
        var config = new PySpyProfilerConfig();

        var problems = PySpyPreconditions.Check(config, 4242, Allowed, $"/nonexistent:{_fake.Directory}");

        problems.Should().BeEmpty();
    }

    [Fact]
    public void A_py_spy_missing_from_PATH_says_how_to_install_it()
    {
        var config = new PySpyProfilerConfig();

        var problems = PySpyPreconditions.Check(config, 4242, Allowed, "/nonexistent");

        problems.Should().ContainSingle().Which.Should().Contain("('py-spy') is not on PATH").And.Contain("pip install py-spy").And.Contain("PERF_PYSPY");
    }

    [Fact]
    public void A_py_spy_path_that_does_not_exist_is_named()
    {
        var config = new PySpyProfilerConfig { Executable = "/opt/nowhere/py-spy" };

        var problems = PySpyPreconditions.Check(config, 4242, Allowed, null);

        problems.Should().ContainSingle().Which.Should().Contain("not found at '/opt/nowhere/py-spy'").And.Contain("pip install py-spy");
    }

    [Fact]
    public void A_file_that_is_not_executable_is_not_taken_for_py_spy()
    {
        var notExecutable = Path.Combine(_fake.Directory, "py-spy.txt");
        File.WriteAllText(notExecutable, "not a program");

        var found = PySpyPreconditions.FindExecutable(notExecutable, null);

        found.Should().BeNull();
    }

    [Fact]
    public void A_remote_target_and_a_refused_ptrace_are_each_reported()
    {
        var config = new PySpyProfilerConfig { Executable = _fake.Executable };
        var refused = new PtraceAccess(2, IsRoot: false, HasSysPtrace: false);

        var problems = PySpyPreconditions.Check(config, null, refused, null);

        problems.Should().HaveCount(2);
        problems[0].Should().Contain("no local process id");
        problems[1].Should().Contain("SYS_PTRACE");
    }

    [Fact]
    public void An_invalid_configuration_is_reported_with_the_other_problems()
    {
        var config = new PySpyProfilerConfig { Executable = _fake.Executable, SamplingRate = 0 };

        var problems = PySpyPreconditions.Check(config, 4242, Allowed, null);

        problems.Should().Equal("py-spy configuration: sampling rate must be 1..10000 samples per second (was 0)");
    }

    public void Dispose() => _fake.Dispose();
}
