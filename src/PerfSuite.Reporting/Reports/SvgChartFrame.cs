using System.Net;
using System.Text;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// The frame every chart shares: an <c>&lt;svg&gt;</c> with <c>id</c> and <c>data-chart</c>, a title, axes with tick labels
/// and axis labels (with units). Charts draw their data between <see cref="Left"/>..<see cref="Right"/> and <see cref="Top"/>..<see cref="Bottom"/>.
/// </summary>
internal sealed class SvgChartFrame(string id, string title, string xLabel, string yLabel)
{
    public const double Width = 960;
    public const double Height = 320;
    public const double Left = 72;
    public const double Right = Width - 24;
    public const double Top = 48;
    public const double Bottom = Height - 56;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public string Open(SvgScale? x, SvgScale y, IReadOnlyList<(string Label, double Pixel)>? categoryTicks = null)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg id=\"chart-{Encode(id)}\" data-chart=\"{Encode(id)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" ")
            .Append($"viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Encode(title)}\">\n")
            .Append($"<title>{Encode(title)}</title>\n")
            .Append($"<text class=\"chart-title\" x=\"{Left}\" y=\"24\">{Encode(title)}</text>\n");

        foreach (var tick in y.Ticks())
        {
            var py = SvgScale.Number(y.Pixel(tick));
            svg.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Right}\" y1=\"{py}\" y2=\"{py}\"/>")
                .Append($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{py}\" text-anchor=\"end\" dominant-baseline=\"middle\">{SvgScale.Number(tick)}</text>\n");
        }

        var ticks = categoryTicks ?? x?.Ticks().Select(t => (SvgScale.Number(t), x.Pixel(t))).ToList() ?? [];
        foreach (var (label, pixel) in ticks)
        {
            var px = SvgScale.Number(pixel);
            svg.Append($"<line class=\"axis\" x1=\"{px}\" x2=\"{px}\" y1=\"{Bottom}\" y2=\"{Bottom + 4}\"/>")
                .Append($"<text class=\"tick\" x=\"{px}\" y=\"{Bottom + 18}\" text-anchor=\"middle\">{Encode(label)}</text>\n");
        }

        svg.Append($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Right}\" y1=\"{Bottom}\" y2=\"{Bottom}\"/>")
            .Append($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Bottom}\"/>\n")
            .Append($"<text class=\"axis-label\" x=\"{(Left + Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Encode(xLabel)}</text>\n")
            .Append($"<text class=\"axis-label\" transform=\"translate(18 {(Top + Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Encode(yLabel)}</text>\n");
        return svg.ToString();
    }

    public static string NoData() =>
        $"<text class=\"no-data\" x=\"{(Left + Right) / 2}\" y=\"{(Top + Bottom) / 2}\" text-anchor=\"middle\">no data</text>\n";
}
