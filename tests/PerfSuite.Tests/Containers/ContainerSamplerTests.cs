using System.Diagnostics;
using PerfSuite.Hosting.Containers;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Settings;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Tests.Support;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Containers;

/// <summary>
/// The OpenShift case: the reference API in a container as a non-root user with no capabilities (<c>--cap-drop ALL</c>,
/// <c>no-new-privileges</c>, host network, the local image only). ptrace (what py-spy needs) is refused there, and the
/// in-process sampler the server loaded (its control folder bind-mounted) gives each case its flamegraph and hot spots.
/// </summary>
[Trait("Category", "Docker")]
[Collection(nameof(DockerTests))]
public sealed class ContainerSamplerTests : IDisposable
{
    private const string MountPoint = "/perfsuite-sampler";

    // PTRACE_SEIZE (0x4206) on a worker: the same permission check as py-spy's PTRACE_ATTACH, without stopping the
    // worker. (An ATTACH stops it, and a DETACH sent before the stop arrived fails, leaving the worker stopped for the
    // rest of the test: its requests then timed out.) The worker is let go when this process exits. Prints the errno's name.
    private const string PtraceAttempt =
        "import ctypes, errno, sys; libc = ctypes.CDLL(None, use_errno=True); pid = int(sys.argv[1]); "
        + "r = libc.ptrace(0x4206, pid, None, None); e = ctypes.get_errno(); "
        + "print('attached' if r == 0 else 'ptrace refused: ' + errno.errorcode.get(e, str(e)))";

    private readonly string _folder = Directory.CreateTempSubdirectory("perfsuite-container-sampler-").FullName;

    [Fact]
    public async Task In_an_unprivileged_container_ptrace_is_refused_and_the_in_process_sampler_profiles_each_case_with_the_apis_own_frames()
    {
        await DockerRequirement.RequireReferenceImageAsync();
        var ct = TestContext.Current.CancellationToken;
        // The container's user (uid 10001) writes its answers into the folder.
        File.SetUnixFileMode(_folder, (UnixFileMode)0x1FF);
        InProcessSampler.WriteModule(_folder);
        await using var api = new ContainerTargetBuilder(DockerRequirement.ReferenceImage)
            .WithHostNetwork()
            .WithEnvironment("QUEUE_API_HOST", "127.0.0.1")
            .WithEnvironment(InProcessSampler.DirectoryVariable, MountPoint)
            .WithEnvironment(InProcessSampler.ModulePathVariable, MountPoint)
            .WithBindMount(_folder, MountPoint)
            .WithoutPrivileges()
            .WithReadiness("/api/v1/healthz", TimeSpan.FromSeconds(60))
            .Build();
        await api.StartAsync(ct);
        var control = new SamplerFolder(_folder);
        using (var bound = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            bound.CancelAfter(TimeSpan.FromSeconds(20));
            while (control.LiveWorkers().Count == 0)
            {
                await Task.Delay(100, bound.Token);
            }
        }

        var worker = control.LiveWorkers()[0];
        // A profiler that is not the server's own uid (a sidecar, `oc debug`, `kubectl debug`) needs CAP_SYS_PTRACE: refused.
        (await DockerExecAsync(api.ContainerId!, "10002", worker, ct)).Should().Contain("ptrace refused: EPERM", "another uid without CAP_SYS_PTRACE");
        // The server's own uid depends on the kernel: refused under Yama ptrace_scope >= 1 or a seccomp profile without
        // ptrace (the usual platform), allowed on this machine's kernel (no Yama, no seccomp). Said, not asserted.
        TestContext.Current.SendDiagnosticMessage($"ptrace from the server's own uid in the container: {(await DockerExecAsync(api.ContainerId!, "10001", worker, ct)).Trim()}");

        var lines = new List<string>();
        var profiler = await ServerProfiler.ChooseAsync(
            ServerProfileMode.Auto, new PySpyProfilerConfig { Executable = "/nonexistent/py-spy" }, control, api, lines.Add, ct);
        profiler.Recorder.Should().Be("the in-process sampler");
        profiler.Choice.Should().Contain("py-spy was not used");
        using var client = QueueApiClient.Anonymous(api);
        foreach (var name in new[] { "case-a", "case-b" })
        {
            var caseDirectory = Path.Combine(_folder, "reports", name);
            await using var recording = await profiler.StartAsync(caseDirectory, lines.Add, ct);
            var until = DateTime.UtcNow.AddSeconds(1.5);
            while (DateTime.UtcNow < until)
            {
                using var response = await client.Http.GetAsync(new Uri("/api/v1/healthz", UriKind.Relative), ct);
            }

            var profile = await recording.StopAsync(name, lines.Add);

            profile.Files.Select(Path.GetFileName).Should().Equal("profile.svg", "profile.txt");
            profile.HotSpots.HasProfile.Should().BeTrue();
            profile.HotSpots.Note.Should().Contain("Recorded by the in-process sampler").And.Contain("py-spy was not used");
            profile.HotSpots.YourCode.Should().Contain(h => h.Function.StartsWith("healthz (queue_api/routes.py:", StringComparison.Ordinal));
            (await File.ReadAllTextAsync(profile.Files[0], ct)).Should().StartWith("<svg");
        }

        profiler.RecordedCases.Should().Be(2);
    }

    private static async Task<string> DockerExecAsync(string container, string user, int pid, CancellationToken ct)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "exec", "--user", user, container, "python3", "-c", PtraceAttempt, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(bound.Token);
            var error = process.StandardError.ReadToEndAsync(bound.Token);
            await process.WaitForExitAsync(bound.Token);
            return await output + await error;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
