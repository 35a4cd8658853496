using System.Text;

namespace PerfSuite.Reporting.Reports;

/// <summary>Renders labelled bars (categories on x, counts on y) as inline SVG; each bar is a <c>&lt;rect class="bar"&gt;</c>.</summary>
internal static class SvgBarChart
{
    public static string Render(string id, string title, string xLabel, string yLabel, IReadOnlyList<(string Label, long Value)> bars)
    {
        var y = new SvgScale(0, bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.Value), 1), SvgChartFrame.Bottom, SvgChartFrame.Top);
        var slot = (SvgChartFrame.Right - SvgChartFrame.Left) / Math.Max(bars.Count, 1);
        var ticks = bars.Select((b, i) => (b.Label, SvgChartFrame.Left + (slot * (i + 0.5)))).ToList();
        var svg = new StringBuilder(new SvgChartFrame(id, title, xLabel, yLabel).Open(null, y, ticks));
        if (bars.Count == 0)
        {
            svg.Append(SvgChartFrame.NoData());
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var top = y.Pixel(value);
            svg.Append($"<rect class=\"bar\" data-label=\"{SvgChartFrame.Encode(label)}\" data-count=\"{value}\" ")
                .Append($"x=\"{SvgScale.Number(SvgChartFrame.Left + (slot * i) + (slot * 0.1))}\" y=\"{SvgScale.Number(top)}\" ")
                .Append($"width=\"{SvgScale.Number(slot * 0.8)}\" height=\"{SvgScale.Number(SvgChartFrame.Bottom - top)}\" fill=\"#4e79a7\">")
                .Append($"<title>{SvgChartFrame.Encode(label)}: {value}</title></rect>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }
}
