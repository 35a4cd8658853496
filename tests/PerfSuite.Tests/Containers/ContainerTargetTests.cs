using System.Net;
using PerfSuite.Hosting.Containers;
using PerfSuite.Hosting.Targets;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Containers;

/// <summary>The reference API's image started for real on the host network (this machine has no bridge).</summary>
[Trait("Category", "Docker")]
[Collection(nameof(DockerTests))]
public sealed class ContainerTargetTests
{
    private static ContainerTargetBuilder ReferenceApi() =>
        new ContainerTargetBuilder(DockerRequirement.ReferenceImage)
            .WithHostNetwork()
            .WithEnvironment("QUEUE_API_HOST", "127.0.0.1")
            .WithReadiness("/api/v1/healthz", TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Started_container_answers_on_loopback_and_exposes_the_gunicorn_master_host_pid()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var api = ReferenceApi().Build();

        await api.StartAsync(ct);

        api.BaseUri.Host.Should().Be("127.0.0.1");
        using var http = new HttpClient();
        (await http.GetAsync(new Uri(api.BaseUri, "/api/v1/healthz"), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var commandLine = await File.ReadAllTextAsync($"/proc/{api.ProcessId}/cmdline", ct);
        commandLine.Should().Contain("gunicorn", "the image runs gunicorn in exec form, so State.Pid is its master");
        await api.EnsureRunningAsync(ct);
    }

    [Fact]
    public async Task Dispose_removes_the_container_so_nothing_of_the_run_is_left()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        var ct = TestContext.Current.CancellationToken;
        var api = ReferenceApi().Build();
        await api.StartAsync(ct);
        var id = api.ContainerId;
        var whileRunning = await DockerRequirement.SessionContainersAsync();

        await api.DisposeAsync();

        whileRunning.Select(c => c.ID).Should().Contain(id);
        (await DockerRequirement.SessionContainersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_containers_of_one_image_run_side_by_side_on_two_ports()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var baseline = ReferenceApi().Build();
        await using var candidate = ReferenceApi().Build();

        await Task.WhenAll(baseline.StartAsync(ct), candidate.StartAsync(ct));

        baseline.BaseUri.Port.Should().NotBe(candidate.BaseUri.Port);
        baseline.ProcessId.Should().NotBe(candidate.ProcessId);
        using var http = new HttpClient();
        foreach (var target in new[] { baseline, candidate })
        {
            (await http.GetAsync(new Uri(target.BaseUri, "/api/v1/healthz"), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Missing_image_is_a_clear_error_and_nothing_is_pulled()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        await using var api = new ContainerTargetBuilder("perfsuite-no-such-image:missing").WithHostNetwork().Build();

        var start = () => api.StartAsync(TestContext.Current.CancellationToken);

        var error = (await start.Should().ThrowAsync<TargetStartException>()).Which;
        error.Message.Should().Contain("perfsuite-no-such-image:missing does not exist").And.Contain("never pulls");
        api.ContainerId.Should().BeNull();
    }

    [Fact]
    public async Task Server_that_never_becomes_ready_times_out_with_the_containers_last_log_lines_and_is_removed()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        await using var api = ReferenceApi().WithReadiness("/api/v1/no-such-route", TimeSpan.FromSeconds(5)).Build();

        var start = () => api.StartAsync(TestContext.Current.CancellationToken);

        var error = (await start.Should().ThrowAsync<TargetStartException>()).Which;
        error.Message.Should().Contain("not ready within 5 s").And.Contain("/api/v1/no-such-route").And.Contain("Last lines of its log").And.Contain("Booting worker");
        (await DockerRequirement.SessionContainersAsync()).Should().BeEmpty("a failed start removes its container");
    }

    [Fact]
    public async Task Container_that_exits_before_it_is_ready_reports_its_exit_code_and_log()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        await using var api = ReferenceApi().WithEnvironment("QUEUE_API_WORKERS", "not-a-number").Build();

        var start = () => api.StartAsync(TestContext.Current.CancellationToken);

        var error = (await start.Should().ThrowAsync<TargetStartException>()).Which;
        error.Message.Should().Contain("exited with code").And.Contain("before it was ready").And.Contain("not-a-number");
        (await DockerRequirement.SessionContainersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Container_that_exits_during_the_run_is_reported_with_its_exit_code_and_last_log_lines()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var api = ReferenceApi().Build();
        await api.StartAsync(ct);

        ProcessGroup.Signal(api.ProcessId!.Value, ProcessGroup.SigKill);
        var check = async () =>
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                await api.EnsureRunningAsync(ct);
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        };

        var error = (await check.Should().ThrowAsync<TargetStoppedException>()).Which;
        error.Message.Should().Contain("exited with code 137").And.Contain("during the run").And.Contain("Last lines of its log").And.Contain("Booting worker");
    }
}
