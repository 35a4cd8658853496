namespace PerfSuite.Hosting.Targets;

/// <summary>Validated launch settings of the reference queue API (made by <see cref="QueueApiBuilder"/>).</summary>
internal sealed record QueueApiSettings(
    string Python,
    string AppDirectory,
    int? Port,
    int Workers,
    string? DatabasePath,
    TimeSpan StartupTimeout,
    TimeSpan StopGracePeriod,
    IWaitStrategy WaitStrategy,
    IReadOnlyDictionary<string, string> Environment);
