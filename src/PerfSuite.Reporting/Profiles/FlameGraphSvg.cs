using System.Globalization;
using System.Net;
using System.Text;

namespace PerfSuite.Reporting.Profiles;

/// <summary>
/// Renders collapsed stacks as a flame graph: one self-contained SVG (inline style, no script, no external resource),
/// the root (<c>all</c>) at the bottom and callees above their callers, siblings in name order (as flamegraph.pl), each
/// frame's width in proportion to its samples, its name written in it when it fits, and a hover title with its samples
/// and its percent of all samples. Every frame is a <c>&lt;g class="frame"&gt;</c> carrying <c>data-name</c> and
/// <c>data-samples</c>. Frames narrower than <see cref="MinimumWidth"/> px are not drawn (their samples stay in their caller's width).
/// </summary>
public static class FlameGraphSvg
{
    /// <summary>The width of the graph in px.</summary>
    public const double Width = 1200;

    /// <summary>The height of one frame in px.</summary>
    public const double FrameHeight = 16;

    /// <summary>Frames narrower than this (px) are left out.</summary>
    public const double MinimumWidth = 0.1;

    /// <summary>The name of the root frame that spans every sample.</summary>
    public const string RootName = "all";

    private const double Margin = 10;
    private const double Header = 48;
    private const double Footer = 12;
    private const double CharacterWidth = 7.2;

    private const string Style = """
        text{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px;fill:#000}
        .title{font-family:system-ui,sans-serif;font-size:17px;font-weight:bold}.subtitle{font-family:system-ui,sans-serif;font-size:12px;fill:#444}
        .frame rect{stroke:#fff;stroke-width:0.5}.frame:hover rect{stroke:#000;stroke-width:1}.frame text{pointer-events:none}
        """;

    /// <summary>Renders the flame graph.</summary>
    /// <param name="profile">The collapsed stacks; an empty profile gives a graph that says "no samples".</param>
    /// <param name="title">The heading, e.g. <c>Server profile: CSR – All · smoke</c>.</param>
    /// <returns>The SVG document (UTF-8 text, starting with <c>&lt;svg</c>).</returns>
    public static string Render(CollapsedStacks profile, string title)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(title);
        var root = Node.Build(profile);
        var depth = root.Depth();
        var height = Header + (depth * FrameHeight) + Footer;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flamegraph\" width=\"{Width}\" height=\"{Number(height)}\" ")
            .Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {Width} {Number(height)}\" role=\"img\" aria-label=\"{Encode(title)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>\n<style>{Style}</style>\n")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"#fdfdf6\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"title\" x=\"{Margin}\" y=\"22\">{Encode(title)}</text>\n")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"subtitle\" x=\"{Margin}\" y=\"40\">{Count(profile.TotalSamples)} samples; width is the share of samples, callers below callees; hover a frame for its samples</text>\n");
        if (profile.TotalSamples == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"subtitle\" x=\"{Width / 2}\" y=\"{Number(height - Footer - 4)}\" text-anchor=\"middle\">no samples</text>\n");
        }
        else
        {
            var scale = (Width - (2 * Margin)) / profile.TotalSamples;
            AppendFrame(svg, root, Margin, height - Footer - FrameHeight, scale, profile.TotalSamples);
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static void AppendFrame(StringBuilder svg, Node node, double x, double y, double scale, long total)
    {
        var width = node.Samples * scale;
        if (width < MinimumWidth)
        {
            return;
        }

        var percent = (100.0 * node.Samples / total).ToString("0.00", CultureInfo.InvariantCulture);
        var samples = node.Samples == 1 ? "1 sample" : $"{Count(node.Samples)} samples";
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"frame\" data-name=\"{Encode(node.Name)}\" data-samples=\"{Count(node.Samples)}\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{Encode(node.Name)} ({samples}, {percent}%)</title>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{Number(x)}\" y=\"{Number(y)}\" width=\"{Number(width)}\" height=\"{FrameHeight - 1}\" fill=\"{Colour(node.Name)}\"/>");
        if (Label(node.Name, width) is { } label)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(x + 3)}\" y=\"{Number(y + FrameHeight - 4.5)}\">{Encode(label)}</text>");
        }

        svg.Append("</g>\n");
        var childX = x;
        foreach (var child in node.Children)
        {
            AppendFrame(svg, child, childX, y - FrameHeight, scale, total);
            childX += child.Samples * scale;
        }
    }

    private static string? Label(string name, double width)
    {
        var fits = (int)((width - 6) / CharacterWidth);
        if (fits < 3)
        {
            return null;
        }

        return name.Length <= fits ? name : string.Concat(name.AsSpan(0, fits - 2), "..");
    }

    // flamegraph.pl's warm palette, derived from the name (FNV-1a, stable across runs) so a function keeps its colour; process frames and the root in grey-blue.
    private static string Colour(string name)
    {
        if (name == RootName || CollapsedStacks.IsProcessFrame(name))
        {
            return "rgb(190,200,215)";
        }

        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var r = 205 + (int)(hash % 51);
        var g = (int)((hash >> 8) % 231);
        var b = (int)((hash >> 16) % 56);
        return string.Create(CultureInfo.InvariantCulture, $"rgb({r},{g},{b})");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Node(string name)
    {
        private readonly SortedDictionary<string, Node> _children = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public long Samples { get; private set; }

        public IEnumerable<Node> Children => _children.Values;

        public static Node Build(CollapsedStacks profile)
        {
            var root = new Node(RootName);
            foreach (var stack in profile.Stacks)
            {
                var node = root;
                node.Samples += stack.Samples;
                foreach (var frame in stack.Frames)
                {
                    if (!node._children.TryGetValue(frame, out var child))
                    {
                        child = new Node(frame);
                        node._children[frame] = child;
                    }

                    node = child;
                    node.Samples += stack.Samples;
                }
            }

            return root;
        }

        public int Depth() => 1 + (_children.Count == 0 ? 0 : _children.Values.Max(c => c.Depth()));
    }
}
