using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Thresholds;

/// <summary>
/// Thresholds for one run in the spirit of k6's (<c>http_req_failed: rate&lt;0.05</c>, <c>http_req_duration: p(95)&lt;200</c>),
/// for a front end with no budgets file (<c>perfsuite load --max-error-rate --p95-ms --p99-ms</c>). The error-rate threshold
/// always applies: <see cref="DefaultMaxErrorRate"/> unless another is given, so a run whose requests all failed never passes.
/// </summary>
/// <param name="MaxErrorRate">Failed requests / requests must be at most this, 0..1 (1 turns the check off in effect).</param>
/// <param name="P95Ms">The 95th percentile latency must be at most this many milliseconds; <c>null</c> for no check.</param>
/// <param name="P99Ms">The 99th percentile latency must be at most this many milliseconds; <c>null</c> for no check.</param>
public sealed record RunThresholds(double MaxErrorRate = RunThresholds.DefaultMaxErrorRate, double? P95Ms = null, double? P99Ms = null)
{
    /// <summary>The error rate a run may reach when no threshold says otherwise: 5 %.</summary>
    public const double DefaultMaxErrorRate = 0.05;

    /// <summary>The thresholds as a budget of <paramref name="scenario"/> at <paramref name="profile"/>.</summary>
    public ScenarioBudget ToBudget(string scenario, string profile) =>
        new(scenario, profile, new BudgetLimits(P95Ms: P95Ms, P99Ms: P99Ms, ErrorRate: MaxErrorRate));

    /// <summary>Checks every threshold against <paramref name="summary"/> (a latency threshold with no sample fails as "no samples").</summary>
    public BudgetVerdict Evaluate(RunSummary summary, string scenario, string profile) => BudgetEvaluator.Evaluate(summary, ToBudget(scenario, profile));

    /// <summary>
    /// The sentence a front end prints when <see cref="NothingAnswered"/>: <c>the target did not answer: none of 5 requests to
    /// URL got a response (timeout 5)</c>, or, when the server sent bytes that were not a valid HTTP response (<c>not-http</c>,
    /// <c>malformed-head</c>, <c>bad-chunk</c>, <c>response-truncated</c>, <c>body-too-large</c>, <c>protocol-violation</c>),
    /// <c>the target did not answer as HTTP: none of 5 requests to URL got a valid response (not-http 5)</c>.
    /// </summary>
    /// <param name="summary">A run for which <see cref="NothingAnswered"/> is true.</param>
    /// <param name="target">The URL named in the sentence.</param>
    /// <returns>The sentence, without the command's prefix.</returns>
    public static string NothingAnsweredReason(RunSummary summary, string target)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var kinds = string.Join(", ", summary.Errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"));
        var invalid = summary.Errors.Keys.Any(k => InvalidResponseKinds.Contains(k));
        return invalid
            ? $"the target did not answer as HTTP: none of {summary.Requests} requests to {target} got a valid response ({kinds})"
            : $"the target did not answer: none of {summary.Requests} requests to {target} got a response ({kinds})";
    }

    private static readonly HashSet<string> InvalidResponseKinds =
    [
        .. new[] { ErrorKind.NotHttp, ErrorKind.MalformedHead, ErrorKind.BadChunk, ErrorKind.ResponseTruncated, ErrorKind.BodyTooLarge, ErrorKind.ProtocolViolation }
            .Select(ErrorKinds.ToKey),
    ];

    /// <summary>
    /// True when requests were sent and not one got an HTTP response (every one timed out, was refused or reset, or got bytes that are not a valid HTTP response): the target
    /// did not answer at all, which a front end names apart from a missed threshold.
    /// </summary>
    public static bool NothingAnswered(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Requests > 0 && summary.FailedRequests == summary.Requests
            && !summary.Codes.Any(c => c.Value > 0 && int.TryParse(c.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code >= 100);
    }
}
