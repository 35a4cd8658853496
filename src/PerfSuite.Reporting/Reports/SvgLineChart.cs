using System.Text;

namespace PerfSuite.Reporting.Reports;

/// <summary>One line of a <see cref="SvgLineChart"/>.</summary>
internal sealed record SvgLine(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

/// <summary>Renders lines over a shared x axis (seconds) as inline SVG; each line is a <c>&lt;path class="series"&gt;</c>.</summary>
internal static class SvgLineChart
{
    public static string Render(string id, string title, string xLabel, string yLabel, IReadOnlyList<SvgLine> lines)
    {
        var points = lines.SelectMany(l => l.Points).ToList();
        var x = new SvgScale(points.Count == 0 ? 0 : points.Min(p => p.X), points.Count == 0 ? 1 : points.Max(p => p.X), SvgChartFrame.Left, SvgChartFrame.Right, 10);
        var y = new SvgScale(0, points.Count == 0 ? 1 : Math.Max(points.Max(p => p.Y), 1e-3), SvgChartFrame.Bottom, SvgChartFrame.Top);
        var frame = new SvgChartFrame(id, title, xLabel, yLabel);
        var svg = new StringBuilder(frame.Open(x, y));
        if (points.Count == 0)
        {
            svg.Append(SvgChartFrame.NoData());
        }

        var legendX = SvgChartFrame.Right;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            legendX -= 14 + (8 * line.Name.Length) + 24;
            svg.Append($"<rect class=\"legend-swatch\" x=\"{SvgScale.Number(legendX)}\" y=\"14\" width=\"14\" height=\"4\" fill=\"{line.Color}\"/>")
                .Append($"<text class=\"legend\" x=\"{SvgScale.Number(legendX + 18)}\" y=\"20\">{SvgChartFrame.Encode(line.Name)}</text>\n");
            if (line.Points.Count == 0)
            {
                continue;
            }

            var d = new StringBuilder();
            foreach (var (px, py) in line.Points)
            {
                d.Append(d.Length == 0 ? 'M' : 'L').Append(SvgScale.Number(x.Pixel(px))).Append(' ').Append(SvgScale.Number(y.Pixel(py))).Append(' ');
            }

            svg.Append($"<path class=\"series\" data-series=\"{SvgChartFrame.Encode(line.Name)}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\" d=\"{d.ToString().TrimEnd()}\"/>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }
}
