using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Hosting.Sessions;

/// <summary>One run of a <see cref="LoadTestSession"/>: a scenario (or mix) at a profile, and what surrounds it.</summary>
/// <param name="Name">Scenario or mix name, as in the budgets file and the reports.</param>
/// <param name="Scenarios">The flows of the run (one, or a weighted mix).</param>
/// <param name="Profile">The load profile.</param>
public sealed record LoadTestRun(string Name, IReadOnlyList<Scenario> Scenarios, LoadTestProfile Profile)
{
    /// <summary>The budget the run is gated on; <c>null</c> for the session's budgets file entry of <see cref="Name"/> and the profile.</summary>
    public ScenarioBudget? Budget { get; init; }

    /// <summary>A last say over the engine's options (token provider, request timeout, sockets); <c>null</c> for none.</summary>
    public Func<LoadRunOptions, LoadRunOptions>? Configure { get; init; }

    /// <summary>The folder of the case's reports; <c>null</c> for <c>&lt;artifacts&gt;/perf/&lt;run-id&gt;/&lt;scenario&gt;-&lt;profile&gt;</c>.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Where progress, the text summary and the report files go (default: nowhere).</summary>
    public ISessionOutput Output { get; init; } = SessionOutput.None;

    /// <summary>Records the server during the run (flamegraph, hot spots, a dump on a missed budget); <c>null</c> for none.</summary>
    public ServerProfiler? Profiler { get; init; }

    /// <summary>
    /// A second reason to stop early, besides the caller's token (e.g. the test host lost its parent): the run ends with
    /// reports marked cancelled, never a pass.
    /// </summary>
    public CancellationToken Interrupt { get; init; }
}
