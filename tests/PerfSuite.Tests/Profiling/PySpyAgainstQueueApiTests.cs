using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Profiling;

/// <summary>
/// The real py-spy (on PATH, or <c>PERF_PYSPY</c>) against the real reference API; skipped with the reason where py-spy
/// is not installed or ptrace is refused (the CI workflow installs py-spy).
/// </summary>
[Trait("Category", "Load")]
public sealed class PySpyAgainstQueueApiTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-py-spy-").FullName;

    [Fact]
    public async Task Real_py_spy_records_a_flamegraph_of_the_reference_api_under_a_few_requests()
    {
        var executable = PySpyProfilerConfig.FromEnvironment(Environment.GetEnvironmentVariable)?.Executable ?? "py-spy";
        var config = new PySpyProfilerConfig { Executable = executable, OutputPath = Path.Combine(_directory, "profile.svg"), StartupCheck = TimeSpan.FromSeconds(2) };
        var problems = PySpyPreconditions.Check(config, Environment.ProcessId);
        Assert.SkipWhen(problems.Count > 0, $"the real py-spy cannot run here: {string.Join(" ", problems)}");
        var ct = TestContext.Current.CancellationToken;
        await using var api = new QueueApiBuilder().Build();
        await api.StartAsync(ct);
        await using var session = new PySpySession(config);
        await session.StartAsync(api.ProcessId!.Value, ct);
        using var client = QueueApiClient.Anonymous(api);

        var until = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < until)
        {
            using var response = await client.Http.GetAsync(new Uri("/api/v1/healthz", UriKind.Relative), ct);
        }

        var path = await session.StopAsync();

        File.Exists(path).Should().BeTrue();
        (await File.ReadAllTextAsync(path, ct)).Should().ContainAny("wsgi", "flask", "gunicorn", "eventlet");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
