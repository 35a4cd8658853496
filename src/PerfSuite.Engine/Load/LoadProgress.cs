namespace PerfSuite.Engine.Load;

/// <summary>A snapshot of a run in progress, for a live line in the test output.</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Launched">Virtual users (or closed-model iterations) started so far, warm-up excluded.</param>
/// <param name="Completed">Of those, finished without a failed step.</param>
/// <param name="RequestsPerSecond">Requests per second over the last interval.</param>
/// <param name="P95Ms">95th percentile latency over the last interval, in milliseconds.</param>
/// <param name="Errors">Failed requests over the last interval.</param>
/// <param name="ActiveUsers">Virtual users active now.</param>
public sealed record LoadProgress(TimeSpan Elapsed, long Launched, long Completed, double RequestsPerSecond, double P95Ms, long Errors, int ActiveUsers);
