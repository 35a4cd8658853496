using System.Globalization;
using System.Text;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using PerfSuite.Engine.Metrics;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Xunit;

/// <summary>FluentAssertions 7 assertions on a <see cref="RunSummary"/>; obtain them with <c>summary.Should()</c>.</summary>
public sealed class RunSummaryAssertions : ReferenceTypeAssertions<RunSummary, RunSummaryAssertions>
{
    private readonly string? _reportPath;

    /// <summary>Creates assertions on <paramref name="subject"/>.</summary>
    /// <param name="subject">The run.</param>
    /// <param name="reportPath">A report path appended to failure messages; <c>null</c> for none.</param>
    public RunSummaryAssertions(RunSummary subject, string? reportPath = null)
        : base(subject)
    {
        _reportPath = reportPath;
    }

    /// <inheritdoc/>
    protected override string Identifier => "run summary";

    /// <summary>Returns assertions whose failure messages end with <c>Report: &lt;path&gt;</c>, so a red build links to the details.</summary>
    /// <param name="path">Path (or URL) of the written report, e.g. <c>artifacts/perf/report.html</c>.</param>
    /// <returns>New assertions on the same run.</returns>
    public RunSummaryAssertions WithReport(string path) => new(Subject, path);

    /// <summary>
    /// Asserts that the run meets every limit of <paramref name="budget"/>. On failure the message lists ALL violations
    /// (metric, scope, actual, budget, excess) and the run's key figures (requests, req/s, p50/p95/p99, error rate).
    /// </summary>
    /// <param name="budget">The budget, e.g. from <see cref="BudgetFile.For"/>.</param>
    /// <param name="because">Why the budget must be met; placeholders are filled from <paramref name="becauseArgs"/>.</param>
    /// <param name="becauseArgs">Values for the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint to chain further assertions.</returns>
    public AndConstraint<RunSummaryAssertions> MeetBudget(ScenarioBudget budget, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(budget);

        var success = Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected {context:run summary} to meet budget {0}{reason}, but found <null>.", budget.Scenario + " / " + budget.Profile);

        if (success)
        {
            var verdict = BudgetEvaluator.Evaluate(Subject!, budget);
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(verdict.Passed)
                .FailWith(EscapeBraces(FailureMessage(verdict)));
        }

        return new AndConstraint<RunSummaryAssertions>(this);
    }

    private string FailureMessage(BudgetVerdict verdict)
    {
        var run = Subject!;
        var text = new StringBuilder();
        if (DominantError(run) is { } dominant)
        {
            // One cause behind most failures (a closed port, a rejected token) is what a reader needs first.
            text.AppendLine(dominant);
        }

        text.Append(CultureInfo.InvariantCulture, $"Expected run '{run.Name}' to meet budget '{verdict.Scenario}' / {verdict.Profile}")
            .Append("{reason}")
            .Append(CultureInfo.InvariantCulture, $", but {(verdict.Cancelled ? "it was cancelled before its end and " : string.Empty)}{verdict.Violations.Count} of {verdict.Checks.Count} checks failed:")
            .AppendLine();
        if (verdict.Interruption is { } cancelled)
        {
            text.Append("  - ").AppendLine(cancelled);
        }

        foreach (var violation in verdict.Violations)
        {
            text.Append("  - ").AppendLine(violation.Describe());
        }

        text.Append(CultureInfo.InvariantCulture, $"Run: {run.Requests} requests, {run.RequestsPerSecond:0.##} req/s, ")
            .Append(CultureInfo.InvariantCulture, $"p50 {run.Latency.P50Ms:0.###} ms, p95 {run.Latency.P95Ms:0.###} ms, p99 {run.Latency.P99Ms:0.###} ms, ")
            .Append(CultureInfo.InvariantCulture, $"error rate {BudgetMetric.ErrorRate.Format(run.ErrorRate)} ({run.FailedRequests} failed)");
        if (run.Generator.GeneratorBound)
        {
            text.AppendLine().Append("WARNING: results may be generator-bound: ").Append(string.Join("; ", run.Generator.Reasons));
        }

        if (_reportPath is not null)
        {
            text.AppendLine().Append("Report: ").Append(_reportPath);
        }

        return text.ToString();
    }

    // An error kind behind at least half of all requests, e.g. "100 % connection-refused (28 of 28 requests)".
    private static string? DominantError(RunSummary run)
    {
        if (run.Requests == 0 || run.Errors.Count == 0)
        {
            return null;
        }

        var top = run.Errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).First();
        var share = (double)top.Value / run.Requests;
        return share >= 0.5
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(share * 100):0} % {top.Key} ({top.Value} of {run.Requests} requests)")
            : null;
    }

    // FailWith treats braces as placeholders; names like "GET /x/{id}/" must come through literally. {reason} stays live.
    private static string EscapeBraces(string message) =>
        message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)
            .Replace("{{reason}}", "{reason}", StringComparison.Ordinal);
}
