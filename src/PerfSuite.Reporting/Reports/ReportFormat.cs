using System.Globalization;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Reporting.Reports;

/// <summary>Number and ordering conventions shared by the exporters; invariant culture everywhere.</summary>
internal static class ReportFormat
{
    public static string Ms(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A figure that may be unknown (not measured, or not on this OS): <c>n/a</c> then.</summary>
    public static string Optional(double? value, string unit) =>
        value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + unit : "n/a";

    /// <summary>The rest of the machine's CPU during the run: <c>4.5 s (0.75 cores)</c>, or <c>n/a</c> off Linux.</summary>
    public static string HostOther(GeneratorHealth health) => health.HostOtherCpuSeconds is null
        ? "n/a"
        : Optional(health.HostOtherCpuSeconds, " s") + (health.HostOtherCores is { } cores ? $" ({Optional(cores, " cores")})" : string.Empty);

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with two decimals, e.g. <c>1.24%</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// What came after the measured window, for the line that shows it: <c> (then 4.8 s drain, not measured)</c>, or for an
    /// interrupted run <c> (interrupted after 7.6 s; then 3 s grace, not measured)</c>; empty when there is nothing to say.
    /// </summary>
    public static string Drain(RunSummary summary)
    {
        var drain = summary.Drain.TotalSeconds >= 0.05 ? Seconds(summary.Drain) : null;
        if (summary.InterruptedAfter is { } at)
        {
            return $" (interrupted after {Seconds(at)}{(drain is null ? string.Empty : $"; then {drain} grace, not measured")})";
        }

        return drain is null ? string.Empty : $" (then {drain} drain, not measured)";
    }

    public static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How a response code is shown to a reader: Socket.IO operations have no HTTP status and are recorded as
    /// code <c>0</c>, which would read like a failure, so <c>0</c> is labelled; HTTP codes are shown as they are.</summary>
    /// <param name="code">A key of <see cref="RunSummary.Codes"/>.</param>
    /// <returns>The label, e.g. <c>200</c> or <c>Socket.IO (no HTTP status)</c>.</returns>
    public static string CodeLabel(string code) => code == "0" ? "Socket.IO (no HTTP status)" : code;

    /// <summary>Response codes in numeric order (<c>0</c>, <c>200</c>, <c>404</c>, ...), non-numeric keys last.</summary>
    public static IEnumerable<KeyValuePair<string, long>> OrderedCodes(IReadOnlyDictionary<string, long> codes) =>
        codes.OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal);

    /// <summary>Errors by count, largest first, then by name.</summary>
    public static IEnumerable<KeyValuePair<string, long>> OrderedErrors(IReadOnlyDictionary<string, long> errors) =>
        errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal);

    public static string Headline(ReportContext context) => context.Verdict switch
    {
        _ when context.Summary.Cancelled => "CANCELLED",
        null => "NO BUDGET",
        { Passed: true } => "PASS",
        _ => "FAIL",
    };

    public static double EndpointErrorRate(EndpointSummary endpoint) => SummaryRates.ErrorRate(endpoint);
}
