using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Tests.Profiling;

public sealed class ProfiledProcessTests
{
    private static readonly Func<string, int?> FindsNothing = _ => null;

    [Fact]
    public void The_embedded_api_s_master_wins_over_PERF_PROFILE_PID_and_discovery()
    {
        var target = new StubTarget(new Uri("http://127.0.0.1:5000"), 4340);

        var chosen = ProfiledProcess.Select(target, configuredPid: 99, _ => 77);

        chosen.Pid.Should().Be(4340);
        chosen.Description.Should().Contain("gunicorn master").And.Contain("pid 4340");
    }

    [Fact]
    public void A_local_server_the_suite_did_not_start_is_the_PERF_PROFILE_PID_process()
    {
        var chosen = ProfiledProcess.Select(new ExternalTarget(new Uri("http://localhost:8000")), configuredPid: 99, _ => 77);

        chosen.Pid.Should().Be(99);
        chosen.Description.Should().Contain("PERF_PROFILE_PID");
    }

    [Fact]
    public void Without_PERF_PROFILE_PID_the_first_gunicorn_process_is_discovered()
    {
        string? asked = null;

        var chosen = ProfiledProcess.Select(new ExternalTarget(new Uri("http://127.0.0.1:8000")), null, pattern => { asked = pattern; return 77; });

        asked.Should().Be("gunicorn");
        chosen.Pid.Should().Be(77);
        chosen.Description.Should().Contain("earliest process whose command line contains 'gunicorn'");
    }

    [Fact]
    public void Nothing_to_discover_says_to_set_PERF_PROFILE_PID()
    {
        var chosen = ProfiledProcess.Select(new ExternalTarget(new Uri("http://127.0.0.1:8000")), null, FindsNothing);

        chosen.Pid.Should().BeNull();
        chosen.Description.Should().Contain("no process on this machine has 'gunicorn'").And.Contain("PERF_PROFILE_PID");
    }

    [Fact]
    public void A_remote_target_cannot_be_profiled_from_here_even_with_a_pid()
    {
        var chosen = ProfiledProcess.Select(new ExternalTarget(new Uri("https://queue.staging.example.org")), configuredPid: 99, _ => 77);

        chosen.Pid.Should().BeNull();
        chosen.Description.Should().Contain("https://queue.staging.example.org is not on this machine").And.Contain("cannot profile a remote server");
    }

    private sealed class StubTarget(Uri baseUri, int pid) : ITarget
    {
        public Uri BaseUri => baseUri;

        public int? ProcessId => pid;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
