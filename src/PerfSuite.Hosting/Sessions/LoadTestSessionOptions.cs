using PerfSuite.Engine.Auth;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Hosting.Sessions;

/// <summary>What a <see cref="LoadTestSession"/> starts from: the settings, the scenario names, and the hooks a suite may replace.</summary>
/// <param name="Settings">The <c>PERF_*</c> settings.</param>
/// <param name="ScenarioNames">Scenario (and mix) names the suite runs; each needs a budget per selected profile.</param>
public sealed record LoadTestSessionOptions(PerfSettings Settings, IReadOnlyList<string> ScenarioNames)
{
    /// <summary>Creates the (not yet started) server under test; default <see cref="TargetFactory.FromSettings"/>.</summary>
    public Func<PerfSettings, ITarget> TargetFactory { get; init; } = Hosting.Settings.TargetFactory.FromSettings;

    /// <summary>Chooses how virtual users authenticate against the started target; default <see cref="TokenProviders.Create"/>.</summary>
    public Func<PerfSettings, ITarget, ITokenProvider> TokenProviderFactory { get; init; } = TokenProviders.Create;

    /// <summary>Every profile name the suite defines: the profile keys the budgets file may use (typo protection); <c>null</c> for <see cref="BudgetFile.DefaultProfiles"/>.</summary>
    public IReadOnlyCollection<string>? ProfileNames { get; init; }

    /// <summary>The budgets file when <c>PERF_BUDGETS</c> is not set; <c>null</c> for the first of <see cref="ArtifactPaths.BudgetsCandidates"/> that exists.</summary>
    public string? BudgetsFile { get; init; }

    /// <summary>The artifacts folder when <c>PERF_ARTIFACTS</c> is not set; <c>null</c> for <see cref="ArtifactPaths.DefaultArtifactsDirectory"/>.</summary>
    public string? ArtifactsDirectory { get; init; }

    /// <summary>
    /// A path the scenario set declares as its preflight, e.g. <c>/api/v1/citizens/</c>: before any load it is requested once
    /// with the first user's token and must answer 2xx, so an unreachable server or a rejected token fails the start within
    /// seconds. <c>null</c>: only reachability of the base URL is checked.
    /// </summary>
    public string? PreflightPath { get; init; }

    /// <summary>Opens Socket.IO connections; <c>null</c> for the engine's default (the lean client).</summary>
    public Func<SocketIoConnectOptions, CancellationToken, Task<ISocketIoConnection>>? SocketIoConnector { get; init; }
}
