using System.Text.Json;
using PerfSuite.Reporting.Reports;

namespace PerfSuite.Reporting.Comparison;

/// <summary>Renders <c>compare.json</c> (<c>perfsuite/compare/v1</c>; fields in docs/compare.md).</summary>
internal static class ComparisonJson
{
    /// <summary>The schema name written in every file.</summary>
    public const string Schema = "perfsuite/compare/v1";

    /// <summary>The JSON report, indented. Latencies in ms, error rates as fractions, throughput in req/s; <c>null</c> for undefined values.</summary>
    /// <param name="result">The comparison.</param>
    public static string Render(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ReportJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("scenario", result.Scenario);
            json.WriteString("profile", result.Profile);
            json.WriteString("baseline", result.Baseline);
            json.WriteString("candidate", result.Candidate);
            json.WriteString("method", result.Method);
            json.WriteNumber("rounds", result.Rounds);
            json.WriteNumber("elapsed_seconds", Math.Round(result.Elapsed.TotalSeconds, 1));
            json.WriteBoolean("regression", result.HasRegression);
            json.WriteStartArray("notes");
            result.Notes.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("scopes");
            foreach (var scope in result.Scopes)
            {
                json.WriteStartObject();
                json.WriteString("name", scope.Name);
                json.WriteString("kind", scope.IsScenario ? "scenario" : "endpoint");
                json.WriteStartObject("metrics");
                foreach (var m in scope.Metrics)
                {
                    json.WriteStartObject(ComparisonFormat.Key(m.Metric));
                    Number(json, "baseline", m.Baseline);
                    Number(json, "candidate", m.Candidate);
                    Number(json, m.Metric == ComparisonMetric.ErrorRate ? "difference" : "ratio", m.Estimate);
                    Number(json, "low", m.Low);
                    Number(json, "high", m.High);
                    json.WriteNumber("tolerance", m.Tolerance);
                    json.WriteString("verdict", m.Verdict switch
                    {
                        ComparisonVerdict.NoChange => "no-change",
                        _ => m.Verdict.ToString().ToLowerInvariant(),
                    });
                    json.WriteString("reason", m.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
