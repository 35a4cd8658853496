using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Tests.Profiling;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

/// <summary>A virtual-user fixture on the real reference API, its budgets and reports in a folder of its own.</summary>
public abstract class ReferenceApiFixture : LoadTestFixture
{
    public const string Scenario = "Profiled – Reads";

    private readonly string _directory = Path.Combine(AppContext.BaseDirectory, "fixture-runs", Guid.NewGuid().ToString("N"));

    protected ReferenceApiFixture()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "budgets.json"), $$"""{ "version": 1, "scenarios": { "{{Scenario}}": { "smoke": { "p95_ms": 5000 } } } }""");
    }

    public static Scenario Reads => PerfSuite.Engine.Load.Scenario.Create(Scenario).Get("/api/v1/healthz", r => r.Expect(200)).Build();

    protected override IReadOnlyList<string> ProfileNames => ["smoke"];

    protected override IReadOnlyList<string> ScenarioNames => [Scenario];

    protected override string? BudgetsFile => Path.Combine(_directory, "budgets.json");

    protected override string? ArtifactsDirectory => _directory;

    protected override Func<string, string?> ReadVariable => name => name == "PERF_RUN_ID" ? "run" : null;

    protected override ITarget CreateTarget(PerfSettings settings) => new QueueApiBuilder().Build();

    protected override LoadTestProfile ResolveProfile(string name, PerfSettings settings) =>
        new(name, new LoadProfile(name, [new ArrivalPhase("steady", TimeSpan.FromSeconds(1), 5)]));
}

public sealed class ProfiledApiFixture : ReferenceApiFixture;

public sealed class UnprofiledApiFixture : ReferenceApiFixture;

public sealed class OffApiFixture : ReferenceApiFixture;

/// <summary>The profiling collection fixture with the py-spy stand-in (the real py-spy cannot be installed here).</summary>
public sealed class FakePySpyProfilingFixture : ServerProfilingFixture, IDisposable
{
    internal FakePySpy PySpy { get; } = FakePySpy.Create();

    protected override Func<string, string?> ReadVariable => name => name == "PERF_PYSPY" ? PySpy.Executable : null;

    public void Dispose() => PySpy.Dispose();
}

/// <summary>The same fixture turned off in CI with <c>PERF_SERVER_PROFILE=off</c>.</summary>
public sealed class OffProfilingFixture : ServerProfilingFixture, IDisposable
{
    internal FakePySpy PySpy { get; } = FakePySpy.Create();

    protected override Func<string, string?> ReadVariable => name => name switch
    {
        "PERF_PYSPY" => PySpy.Executable,
        "PERF_SERVER_PROFILE" => "off",
        _ => null,
    };

    public void Dispose() => PySpy.Dispose();
}

[CollectionDefinition(nameof(ProfiledCases))]
public sealed class ProfiledCases : ICollectionFixture<ProfiledApiFixture>, ICollectionFixture<FakePySpyProfilingFixture>;

[CollectionDefinition(nameof(UnprofiledCases))]
public sealed class UnprofiledCases : ICollectionFixture<UnprofiledApiFixture>;

[CollectionDefinition(nameof(OffCases))]
public sealed class OffCases : ICollectionFixture<OffApiFixture>, ICollectionFixture<OffProfilingFixture>;

/// <summary>A suite that declares the profiling collection fixture gets each case's flamegraph and the run's profile attached.</summary>
[Trait("Category", "Load")]
[Collection(nameof(ProfiledCases))]
public sealed class ServerProfilingFixtureTests(ProfiledApiFixture fixture, FakePySpyProfilingFixture profiling)
{
    [Fact]
    public async Task A_case_in_a_collection_with_the_profiling_fixture_is_recorded_and_carries_its_flamegraph_and_the_run_profile()
    {
        var result = await fixture.RunAndAssertAsync(ReferenceApiFixture.Scenario, [ReferenceApiFixture.Reads], "smoke");

        profiling.PySpy.LoggedArguments().Should().ContainInOrder("record", "-o").And.Contain("--pid");
        result!.Reports.Select(Path.GetFileName).Should().Contain(["profile.svg", "profile.txt"]);
        File.ReadAllText(Path.Combine(result.ReportDirectory, "run-profile.svg")).Should().StartWith("<svg");
        File.ReadAllText(result.MarkdownReport).Should().Contain("## Server hot spots");
    }
}

/// <summary>Without the profiling fixture no profiler code runs.</summary>
[Collection(nameof(UnprofiledCases))]
public sealed class NoServerProfilingFixtureTests(UnprofiledApiFixture fixture)
{
    [Fact]
    public async Task A_case_in_a_collection_without_the_profiling_fixture_has_no_profile()
    {
        var result = await fixture.RunAndAssertAsync(ReferenceApiFixture.Scenario, [ReferenceApiFixture.Reads], "smoke");

        result!.Reports.Select(Path.GetFileName).Should().NotContain("profile.svg");
        File.Exists(Path.Combine(result.ReportDirectory, "run-profile.svg")).Should().BeFalse();
        File.ReadAllText(result.MarkdownReport).Should().NotContain("## Server hot spots");
    }
}

/// <summary><c>PERF_SERVER_PROFILE=off</c> turns a declared profiling fixture off: py-spy never runs.</summary>
[Collection(nameof(OffCases))]
public sealed class OffServerProfilingFixtureTests(OffApiFixture fixture, OffProfilingFixture profiling)
{
    [Fact]
    public async Task PERF_SERVER_PROFILE_off_runs_no_py_spy()
    {
        var result = await fixture.RunAndAssertAsync(ReferenceApiFixture.Scenario, [ReferenceApiFixture.Reads], "smoke");

        File.Exists(profiling.PySpy.ArgumentsLog).Should().BeFalse("py-spy was never started");
        result!.Reports.Select(Path.GetFileName).Should().NotContain("profile.svg");
    }
}
