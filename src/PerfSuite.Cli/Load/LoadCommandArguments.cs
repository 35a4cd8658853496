using PerfSuite.Engine.Load;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Cli.Load;

/// <summary>
/// The validated arguments of the <c>load</c> command: one GET of <see cref="Url"/>, either closed model
/// (<see cref="VirtualUsers"/> users looping with no think time) or open model (<see cref="ArrivalRate"/> arrivals per second).
/// Exactly one of the two is set.
/// </summary>
/// <param name="Url">Absolute http(s) URL on a loopback host (127.0.0.0/8, <c>localhost</c> or <c>[::1]</c>).</param>
/// <param name="VirtualUsers">Closed model: concurrent users, &gt;= 1; <c>null</c> in the open model.</param>
/// <param name="ArrivalRate">Open model: arrivals per second, &gt; 0; <c>null</c> in the closed model.</param>
/// <param name="MaxVirtualUsers">Open model only: cap on concurrently active users (&gt;= 1); <c>null</c> for no cap.</param>
/// <param name="Duration">Length of the run, &gt; 0.</param>
/// <param name="RequestTimeout">Per-request timeout, &gt; 0.</param>
/// <param name="MaxSockets">Connections per server in each user's own pool, &gt;= 1 (the engine default is 3).</param>
internal sealed record LoadCommandArguments(
    Uri Url,
    int? VirtualUsers,
    double? ArrivalRate,
    int? MaxVirtualUsers,
    TimeSpan Duration,
    TimeSpan RequestTimeout,
    int MaxSockets)
{
    /// <summary>Request timeout when <c>--timeout-ms</c> is not given: 10 s.</summary>
    public static TimeSpan DefaultRequestTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Headers sent with every request, in order (<c>--header</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The environment variable holding the access token (<c>--token-env</c>); <c>null</c> for none.</summary>
    public string? TokenVariable { get; init; }

    /// <summary>The thresholds the run is gated on (<c>--max-error-rate</c>, <c>--p95-ms</c>, <c>--p99-ms</c>); the error rate defaults to 5 %.</summary>
    public RunThresholds Thresholds { get; init; } = new();

    /// <summary>The shard of the plan this process runs (<c>--shard i/N</c>); the whole plan by default.</summary>
    public LoadShard Shard { get; init; } = LoadShard.Whole;

    /// <summary>The common start instant (<c>PERF_START_AT</c>); <c>null</c> to start at once.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>The run id (<c>PERF_RUN_ID</c>) in the reports and <c>shard.json</c>; <c>null</c> for the UTC start time.</summary>
    public string? RunId { get; init; }

    /// <summary>Where the reports go (<c>--report-dir</c>); <c>null</c> to write none.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>True for the closed model (<c>--vus</c>), false for the open model (<c>--rate</c>).</summary>
    public bool ClosedModel => VirtualUsers is not null;
}
