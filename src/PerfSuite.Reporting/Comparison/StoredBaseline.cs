using System.Text.Json;

namespace PerfSuite.Reporting.Comparison;

/// <summary>
/// A baseline read from a stored <c>report.json</c> (<c>perfsuite/report/v1</c>): its scenario, profile and exact histograms.
/// One stored run gives no spread, so a comparison against it has point estimates only.
/// </summary>
/// <param name="Path">The report file read (full path).</param>
/// <param name="Scenario">Scenario name from the report's metadata.</param>
/// <param name="Profile">Profile name from the report's metadata.</param>
/// <param name="Figures">The run's figures.</param>
public sealed record StoredBaseline(string Path, string Scenario, string Profile, RunFigures Figures)
{
    /// <summary>Reads <paramref name="path"/>: a <c>report.json</c>, a case folder holding one, or a run folder whose case folders hold them.</summary>
    /// <param name="path">File or folder.</param>
    /// <param name="scenario">In a run folder with several reports, the scenario (name) whose report to take; ignored when there is one.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="ArgumentException">Nothing there, no or several matching reports, or not a PerfSuite report; the message names the path.</exception>
    public static StoredBaseline Load(string path, string? scenario = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return Read(full);
        }

        if (!Directory.Exists(full))
        {
            throw new ArgumentException($"PERF_BASELINE: no such file or folder '{path}'");
        }

        var direct = System.IO.Path.Combine(full, "report.json");
        if (File.Exists(direct))
        {
            return Read(direct);
        }

        var reports = Directory.GetDirectories(full).Select(d => System.IO.Path.Combine(d, "report.json")).Where(File.Exists).Order(StringComparer.Ordinal).Select(Read).ToList();
        var matching = reports.Count == 1 ? reports : reports.Where(r => r.Scenario == scenario).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            0 when reports.Count == 0 => throw new ArgumentException($"PERF_BASELINE: '{path}' holds no report.json, neither itself nor in a case folder"),
            0 => throw new ArgumentException($"PERF_BASELINE: '{path}' has no report of scenario '{scenario}' (it has: {string.Join(", ", reports.Select(r => r.Scenario))})"),
            _ => throw new ArgumentException($"PERF_BASELINE: '{path}' holds {matching.Count} reports ({string.Join(", ", matching.Select(r => $"{r.Scenario} / {r.Profile}"))}); name a scenario with --scenario or the report file"),
        };
    }

    private static StoredBaseline Read(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            if (!root.TryGetProperty("schema", out var schema) || schema.GetString() != "perfsuite/report/v1")
            {
                throw new ArgumentException($"PERF_BASELINE: '{file}' is not a PerfSuite report (schema perfsuite/report/v1)");
            }

            var metadata = root.GetProperty("metadata");
            var run = root.GetProperty("run");
            var seconds = run.GetProperty("duration_seconds").GetDouble();
            var overall = new RoundFigures(
                LatencySample.FromEncoded(run.GetProperty("histogram").GetString()!), run.GetProperty("requests").GetInt64(), run.GetProperty("failed_requests").GetInt64(), seconds);
            var endpoints = root.GetProperty("endpoints").EnumerateArray().ToDictionary(
                e => e.GetProperty("name").GetString()!,
                e => new RoundFigures(LatencySample.FromEncoded(e.GetProperty("histogram").GetString()!), e.GetProperty("requests").GetInt64(), e.GetProperty("failed_requests").GetInt64(), seconds),
                StringComparer.Ordinal);
            return new StoredBaseline(file, metadata.GetProperty("scenario").GetString()!, metadata.GetProperty("profile").GetString()!, new RunFigures(overall, endpoints));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"PERF_BASELINE: '{file}' is not a readable PerfSuite report: {e.Message}", e);
        }
    }
}
