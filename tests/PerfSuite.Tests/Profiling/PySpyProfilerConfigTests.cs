using PerfSuite.Hosting.Profiling;

namespace PerfSuite.Tests.Profiling;

public sealed class PySpyProfilerConfigTests
{
    public static TheoryData<PySpyProfilerConfig, string[]> Configs => new()
    {
        { new PySpyProfilerConfig(), [] },
        { new PySpyProfilerConfig { Executable = " " }, ["executable must name py-spy (a path or a name on PATH)"] },
        { new PySpyProfilerConfig { OutputPath = "/tmp/profiles/" }, ["output path must name a file (was '/tmp/profiles/')"] },
        { new PySpyProfilerConfig { Format = (PySpyOutputFormat)7 }, ["format must be flamegraph, speedscope or raw (was 7)"] },
        { new PySpyProfilerConfig { SamplingRate = 0 }, ["sampling rate must be 1..10000 samples per second (was 0)"] },
        { new PySpyProfilerConfig { SamplingRate = 10_001 }, ["sampling rate must be 1..10000 samples per second (was 10001)"] },
        { new PySpyProfilerConfig { StopTimeout = TimeSpan.Zero }, ["stop timeout must be positive (was 00:00:00)"] },
        { new PySpyProfilerConfig { DumpTimeout = TimeSpan.Zero, ProcessId = 0 }, ["dump timeout must be positive (was 00:00:00)", "process id must be >= 1 (was 0)"] },
        {
            new PySpyProfilerConfig { SamplingRate = -1, StartupCheck = TimeSpan.FromSeconds(-1) },
            ["sampling rate must be 1..10000 samples per second (was -1)", "startup check must be positive (was -00:00:01)"]
        },
    };

    public static TheoryData<string?, string> Environments => new()
    {
        { null, "py-spy" },
        { "/opt/py-spy/bin/py-spy", "/opt/py-spy/bin/py-spy" },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Validate_reports_every_problem_naming_the_setting_and_its_value(PySpyProfilerConfig config, string[] expected)
    {
        var problems = config.Validate();

        problems.Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void PERF_PYSPY_names_the_executable_and_py_spy_on_PATH_is_the_default(string? pyspy, string expectedExecutable)
    {
        var variables = new Dictionary<string, string?> { ["PERF_PYSPY"] = pyspy };

        var config = PySpyProfilerConfig.FromEnvironment(name => variables.GetValueOrDefault(name));

        config.Executable.Should().Be(expectedExecutable);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("4340", 4340)]
    [InlineData(" 17 ", 17)]
    public void PERF_PROFILE_PID_names_the_process_of_a_server_the_suite_did_not_start(string? pid, int? expected)
    {
        var variables = new Dictionary<string, string?> { ["PERF_PROFILE_PID"] = pid };

        var config = PySpyProfilerConfig.FromEnvironment(name => variables.GetValueOrDefault(name));

        config.ProcessId.Should().Be(expected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("gunicorn")]
    public void A_PERF_PROFILE_PID_that_is_not_a_process_id_is_refused_with_its_value(string pid)
    {
        var variables = new Dictionary<string, string?> { ["PERF_PYSPY"] = "py-spy", ["PERF_PROFILE_PID"] = pid };

        var read = () => PySpyProfilerConfig.FromEnvironment(name => variables.GetValueOrDefault(name));

        read.Should().Throw<ArgumentException>().WithMessage($"PERF_PROFILE_PID='{pid}' must be a process id*");
    }

    [Fact]
    public void A_dump_asks_for_every_subprocess_unless_they_are_turned_off()
    {
        var config = new PySpyProfilerConfig();

        config.DumpArguments(4340).Should().Equal("dump", "--pid", "4340", "--subprocesses");
        (config with { Subprocesses = false }).DumpArguments(4340).Should().Equal("dump", "--pid", "4340");
    }

    [Fact]
    public void The_defaults_are_the_users_gunicorn_command_with_lower_overhead()
    {
        var config = new PySpyProfilerConfig();

        var arguments = config.Arguments(4242, "/tmp/profile-4242.svg");

        arguments.Should().Equal("record", "-o", "/tmp/profile-4242.svg", "--pid", "4242", "--format", "flamegraph", "--rate", "100", "--subprocesses", "--nonblocking");
        config.StopTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(PySpyOutputFormat.Flamegraph, "profile-4242.svg")]
    [InlineData(PySpyOutputFormat.Speedscope, "profile-4242.json")]
    [InlineData(PySpyOutputFormat.Raw, "profile-4242.txt")]
    public void The_default_file_is_named_after_the_pid_with_the_formats_extension(PySpyOutputFormat format, string expected)
    {
        var config = new PySpyProfilerConfig { Format = format };

        var name = config.DefaultFileName(4242);

        name.Should().Be(expected);
    }
}
