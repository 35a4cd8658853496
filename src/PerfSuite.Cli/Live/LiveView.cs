using System.Globalization;
using System.Text;
using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Live;

/// <summary>
/// The text of the live status region at a terminal: a pure function of the engine's snapshot (<see cref="LoadProgress"/>),
/// three lines, each cut to the terminal's width so that none wraps (a wrapped line would break the redraw).
/// </summary>
internal static class LiveView
{
    private const int BarWidth = 10;

    /// <summary>
    /// E.g. <c>load http://127.0.0.1:5000/ · phase load · 12/30 s [####------] 40%</c>, then
    /// <c>launched 240, skipped 3 · active users 8 · 24.0 req/s · p95 so far 12.7 ms</c>, then
    /// <c>failed 5 of 250 requests · timeout 3, connection-refused 2</c>. Past the plan's end the phase reads <c>finishing</c>.
    /// </summary>
    /// <param name="title">What runs (the command and its target or script).</param>
    /// <param name="progress">The engine's snapshot.</param>
    /// <param name="width">The terminal's width in columns; lines are cut to one less (at least 20).</param>
    /// <returns>The lines, invariant culture, without line ends.</returns>
    public static IReadOnlyList<string> Render(string title, LoadProgress progress, int width)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var c = CultureInfo.InvariantCulture;
        var elapsed = progress.Elapsed.TotalSeconds;
        var planned = progress.Planned.TotalSeconds;
        var phase = progress.Phase is { } name ? $"phase {name}" : "finishing";
        var clock = planned > 0
            ? string.Create(c, $"{elapsed:0}/{planned:0} s {Bar(elapsed / planned)} {Math.Min(100, 100 * elapsed / planned):0}%")
            : string.Create(c, $"{elapsed:0} s");
        var errors = progress.ErrorsByKind.Count == 0
            ? "no errors"
            : string.Join(", ", progress.ErrorsByKind.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => string.Create(c, $"{e.Key} {e.Value}")));
        string[] lines =
        [
            $"{title} · {phase} · {clock}",
            string.Create(c, $"launched {progress.Launched}, skipped {progress.Skipped} · active users {progress.ActiveUsers} · {progress.RequestsPerSecond:0.0} req/s · p95 so far {progress.P95SoFarMs:0.0} ms"),
            string.Create(c, $"failed {progress.Failed} of {progress.Requests} requests · {errors}"),
        ];
        var room = Math.Max(20, width - 1);
        return [.. lines.Select(l => l.Length <= room ? l : l[..(room - 1)] + "…")];
    }

    private static string Bar(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        return new StringBuilder(BarWidth + 2).Append('[').Append('#', filled).Append('-', BarWidth - filled).Append(']').ToString();
    }
}
