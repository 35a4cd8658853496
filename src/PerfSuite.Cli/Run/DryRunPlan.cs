using System.Globalization;
using PerfSuite.Artillery;

namespace PerfSuite.Cli.Run;

/// <summary>
/// What <c>perfsuite run --dry-run</c> prints: the script's phases with their planned arrivals, the scenarios with their
/// weights and steps, and what was ignored or replaced. Built from the imported script alone; nothing is sent.
/// </summary>
internal static class DryRunPlan
{
    public static IReadOnlyList<string> Render(ArtilleryScript script, Uri? target)
    {
        var lines = new List<string> { $"dry run: {script.Name} ({script.FilePath}): nothing is sent" };
        lines.Add($"target: {(target ?? script.Target)?.ToString() ?? "(none: a run needs --target)"}");
        lines.Add($"phases ({Seconds(script.Profile.Duration.TotalSeconds)} s):");
        var total = 0L;
        foreach (var phase in script.Profile.Phases)
        {
            var arrivals = phase.Plan().Count;
            total += arrivals;
            lines.Add($"  {phase.Name}: {phase.Describe()}: {arrivals} arrivals");
        }

        lines.Add($"arrivals: {total}");
        var weights = script.Scenarios.Sum(s => s.Weight);
        lines.Add("scenarios:");
        foreach (var scenario in script.Scenarios)
        {
            var share = 100.0 * scenario.Weight / weights;
            var described = scenario.ToString(); // "name (weight W, N steps)"
            lines.Add($"  {scenario.Name}: {described[(scenario.Name.Length + 2)..^1]} ({share.ToString("0.#", CultureInfo.InvariantCulture)} % of arrivals)");
            lines.AddRange(scenario.Endpoints.Select(e => "    " + e));
        }

        lines.AddRange(script.Warnings.Select(w => $"warning: {w}"));
        lines.AddRange(script.Notes().Select(n => $"note: {n}"));
        lines.Add($"dry run: the script can run ({script.Warnings.Count} {(script.Warnings.Count == 1 ? "warning" : "warnings")})");
        return lines;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
