using System.Net.Sockets;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;

namespace PerfSuite.Tests.Targets;

[Trait("Category", "Load")]
public sealed class QueueApiTargetTests
{
    [Fact]
    public async Task Started_api_listens_on_loopback_and_exposes_the_gunicorn_master_pid()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = new QueueApiBuilder().Build();

        await api.StartAsync(ct);

        api.BaseUri.Host.Should().Be("127.0.0.1");
        var commandLine = await File.ReadAllTextAsync($"/proc/{api.ProcessId}/cmdline", ct);
        commandLine.Should().Contain("gunicorn");
    }

    [Fact]
    public async Task Dispose_leaves_no_master_or_worker_behind_and_frees_the_port()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new QueueApiBuilder().WithWorkers(2).Build();
        await api.StartAsync(ct);
        var groupId = api.ProcessId!.Value;
        var port = api.BaseUri.Port;
        var membersWhileRunning = ProcessGroup.Members(groupId);

        await api.DisposeAsync();

        membersWhileRunning.Should().HaveCountGreaterThanOrEqualTo(3, "the master and two workers run in one process group");
        ProcessGroup.Members(groupId).Should().BeEmpty();
        var connect = async () =>
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", port, ct);
        };
        await connect.Should().ThrowAsync<SocketException>();
    }

    [Fact]
    public async Task Readiness_timeout_reports_the_wait_and_the_tail_of_gunicorns_log()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = new QueueApiBuilder()
            .WithWaitStrategy(new HttpWaitStrategy("/api/v1/no-such-route"))
            .WithStartupTimeout(TimeSpan.FromSeconds(3))
            .Build();

        var start = () => api.StartAsync(ct);

        var error = (await start.Should().ThrowAsync<TargetStartException>()).Which;
        error.Message.Should().Contain("not ready within 3 s").And.Contain("/api/v1/no-such-route").And.Contain("Last lines of its log");
        api.ProcessId.Should().BeNull("a failed start stops what it started");
    }

    [Fact]
    public async Task Server_that_exits_during_start_reports_its_exit_code_and_log()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = new QueueApiBuilder().WithEnvironment("QUEUE_API_PORT", "not-a-port").Build();

        var start = () => api.StartAsync(ct);

        var error = (await start.Should().ThrowAsync<TargetStartException>()).Which;
        error.Message.Should().Contain("gunicorn exited with code").And.Contain("not-a-port");
    }

    [Fact]
    public async Task Missing_python_module_is_named_with_its_install_command()
    {
        var ct = TestContext.Current.CancellationToken;
        var python = StubPythonWithoutSitePackages.Create();

        var start = async () =>
        {
            await using var api = new QueueApiBuilder().WithPython(python).Build();
            await api.StartAsync(ct);
        };

        var error = (await start.Should().ThrowAsync<TargetStartException>()).Which;
        error.Message.Should().Contain("'flask_socketio'").And.Contain("apt-get install -y").And.Contain("python3-flask-socketio");
    }

    [Fact]
    public void Build_names_every_invalid_setting_with_its_value()
    {
        var build = () => new QueueApiBuilder().WithPort(70000).WithWorkers(0).WithAppDirectory("/nonexistent").Build();

        build.Should().Throw<ArgumentException>()
            .WithMessage("*port must be 1..65535 (was 70000)*workers must be 1..64 (was 0)*'/nonexistent'*");
    }
}
