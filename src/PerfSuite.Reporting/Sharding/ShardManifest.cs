using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Reporting.Sharding;

/// <summary>
/// What one shard of a split run leaves next to its reports (<c>shard.json</c>): which plan it ran (a fingerprint),
/// which shard it was, of which run, when it was told to start, how late it started and its own clock's reading then,
/// and the budget the merge evaluates once for the whole run (a shard never passes or fails on its share).
/// </summary>
/// <param name="RunId">The run all shards belong to (<c>PERF_RUN_ID</c>; set it the same on every shard).</param>
/// <param name="PlanFingerprint">Hash of the whole run's plan (see <see cref="Fingerprint"/>); equal on every shard of one run.</param>
/// <param name="ShardIndex">1-based shard number.</param>
/// <param name="ShardCount">How many shards the run has.</param>
/// <param name="Scenario">Scenario (test case) name.</param>
/// <param name="Profile">Load profile name.</param>
/// <param name="StartAt">The common start instant (<c>PERF_START_AT</c>); <c>null</c> when the shard started at once.</param>
/// <param name="StartedAt">This shard's clock reading when it started its plan.</param>
/// <param name="StartLag">How late the shard started against <paramref name="StartAt"/>; zero without one.</param>
public sealed record ShardManifest(
    string RunId,
    string PlanFingerprint,
    int ShardIndex,
    int ShardCount,
    string Scenario,
    string Profile,
    DateTimeOffset? StartAt,
    DateTimeOffset StartedAt,
    TimeSpan StartLag)
{
    /// <summary>File name of a manifest in a shard's report directory.</summary>
    public const string FileName = "shard.json";

    /// <summary>Schema name written in the file.</summary>
    public const string Schema = "perfsuite/shard/v1";

    /// <summary>The budget the merge evaluates on the whole run; <c>null</c> for none.</summary>
    public ScenarioBudget? Budget { get; init; }

    /// <summary>The shard as the engine takes it.</summary>
    public LoadShard Shard => new(ShardIndex, ShardCount);

    /// <summary>
    /// A stable hash of what a run plans: every phase (kind, name, duration, warm-up, its description with rates, ramps
    /// and caps), every scenario's name and weight, and the seed. Shards of one run have the same fingerprint.
    /// </summary>
    /// <param name="options">The run's options (the shard itself is not part of the plan).</param>
    public static string Fingerprint(LoadRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        foreach (var phase in options.Profile.Phases)
        {
            text.Append(CultureInfo.InvariantCulture, $"{phase.GetType().Name}|{phase.Name}|{phase.Duration.Ticks}|{phase.WarmUp}|{phase.Describe()}\n");
        }

        foreach (var scenario in options.Scenarios)
        {
            text.Append(CultureInfo.InvariantCulture, $"scenario|{scenario.Name}|{scenario.Weight}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"seed|{options.Seed}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>Writes <c>shard.json</c> into <paramref name="directory"/>.</summary>
    /// <param name="directory">The shard's report directory.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The file's path.</returns>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var file = new ManifestFile(Schema, RunId, PlanFingerprint, ShardIndex, ShardCount, Describe(), Scenario, Profile, StartAt, StartedAt,
            StartLag.TotalMilliseconds, Budget is { } b ? new BudgetEntry(b.Scenario, b.Profile, b.Limits, b.Endpoints) : null);
        await File.WriteAllTextAsync(path, ReportJson.Serialize(file), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Reads a manifest.</summary>
    /// <param name="path">Path of a <c>shard.json</c>.</param>
    /// <exception cref="FormatException">The file is not a shard manifest; the message names the file.</exception>
    public static ShardManifest Read(string path)
    {
        ManifestFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ManifestFile>(File.ReadAllText(path), ReportJson.Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a shard manifest ({e.Message})", e);
        }

        if (file is null || file.Schema != Schema)
        {
            throw new FormatException($"{path}: schema must be '{Schema}' (was '{file?.Schema}')");
        }

        return new ShardManifest(file.RunId, file.PlanFingerprint, file.ShardIndex, file.ShardCount, file.Scenario, file.Profile, file.StartAt,
            file.StartedAt, TimeSpan.FromMilliseconds(file.StartLagMs))
        {
            Budget = file.Budget is { } b ? new ScenarioBudget(b.Scenario, b.Profile, b.Limits, b.Endpoints) : null,
        };
    }

    /// <summary>The shard's semantics, e.g. <c>shard 2 of 4: 25 % of each phase</c>.</summary>
    public string Describe() => Shard.Describe();

    private sealed record ManifestFile(
        string Schema, string RunId, string PlanFingerprint, int ShardIndex, int ShardCount, string Semantics, string Scenario, string Profile,
        DateTimeOffset? StartAt, DateTimeOffset StartedAt, double StartLagMs, BudgetEntry? Budget);

    private sealed record BudgetEntry(string Scenario, string Profile, BudgetLimits Limits, IReadOnlyList<EndpointBudget> Endpoints);
}
