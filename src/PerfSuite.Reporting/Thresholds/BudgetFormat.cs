using System.Globalization;

namespace PerfSuite.Reporting.Thresholds;

/// <summary>Formatting of budget excesses shared by messages and reports; invariant culture.</summary>
internal static class BudgetFormat
{
    /// <summary>
    /// The distance from the budget with sign and unit, e.g. <c>+62.5 ms, +25 %</c>; a throughput shortfall reads
    /// <c>-3.2 req/s, -10.7 %</c> because the value fell below its floor. Empty when there were no samples.
    /// </summary>
    public static string Excess(BudgetCheck check)
    {
        if (check.Excess is not { } excess)
        {
            return string.Empty;
        }

        var direction = check.Metric.IsLowerBound() ? -1 : 1;
        var shown = excess * direction;
        var text = Sign(shown) + check.Metric.Format(Math.Abs(shown));
        if (check.ExcessPercent is { } percent)
        {
            var shownPercent = percent * direction;
            text += ", " + Sign(shownPercent) + Math.Abs(shownPercent).ToString("0.#", CultureInfo.InvariantCulture) + " %";
        }

        return text;
    }

    /// <summary>
    /// How far a passed check stayed inside its budget, e.g. <c>55.41 ms to spare (92.3 %)</c>: reads better in a
    /// report than a negative excess. Empty when there were no samples.
    /// </summary>
    public static string Headroom(BudgetCheck check)
    {
        if (check.Excess is not { } excess)
        {
            return string.Empty;
        }

        var text = check.Metric.Format(Math.Abs(excess)) + " to spare";
        return check.ExcessPercent is { } percent
            ? text + " (" + Math.Abs(percent).ToString("0.#", CultureInfo.InvariantCulture) + " %)"
            : text;
    }

    private static string Sign(double value) => value >= 0 ? "+" : "-";
}
