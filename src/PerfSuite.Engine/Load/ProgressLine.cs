using System.Globalization;
using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Load;

/// <summary>Formats the live progress line a load test prints every interval (10 s by default).</summary>
public static class ProgressLine
{
    /// <summary>
    /// E.g. <c>[CSR – All / smoke] 20 s: launched 41, completed 37, 18.4 req/s, p95 12.7 ms, errors 0, active users 4</c>.
    /// Counts are since the start (warm-up excluded); req/s, p95 and errors are over the last interval.
    /// </summary>
    /// <param name="scenario">Scenario or mix name.</param>
    /// <param name="profile">Profile name.</param>
    /// <param name="progress">The engine's snapshot.</param>
    /// <returns>One line, invariant culture.</returns>
    public static string Format(string scenario, string profile, LoadProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{scenario} / {profile}] {progress.Elapsed.TotalSeconds:0} s: launched {progress.Launched}, completed {progress.Completed}, "
            + $"{progress.RequestsPerSecond:0.0} req/s, p95 {progress.P95Ms:0.0} ms, errors {progress.Errors}, active users {progress.ActiveUsers}");
    }
}
