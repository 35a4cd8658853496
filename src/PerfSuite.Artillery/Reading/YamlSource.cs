using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// The YAML of a script, parsed with positions. Artillery substitutes <c>{{ … }}</c> in the text, so an unquoted
/// <c>maxVusers: {{ $processEnvironment.MAX }}</c> works there; YAML would read it as a flow mapping. Such a value is
/// quoted before parsing (its start column is kept; the scalar is remembered as plain, so it is typed after substitution).
/// </summary>
internal sealed partial class YamlSource
{
    private YamlSource(YamlNode? root, HashSet<(long Line, long Column)> quoted)
    {
        Root = root;
        QuotedTemplates = quoted;
    }

    /// <summary>The document's root, or <c>null</c> for an empty file.</summary>
    public YamlNode? Root { get; }

    /// <summary>Start marks (1-based line and column) of unquoted templates this class quoted.</summary>
    public HashSet<(long Line, long Column)> QuotedTemplates { get; }

    public static YamlSource Parse(string text, string file, List<ArtilleryProblem> problems)
    {
        var quoted = new HashSet<(long, long)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder(text.Length + 16);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = UnquotedTemplate().Match(lines[i]);
            if (match.Success)
            {
                var value = match.Groups["value"].Value.TrimEnd();
                quoted.Add((i + 1, match.Groups["value"].Index + 1));
                output.Append(lines[i], 0, match.Groups["value"].Index)
                    .Append('\'').Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'')
                    .Append(match.Groups["comment"].Value);
            }
            else
            {
                output.Append(lines[i]);
            }

            output.Append('\n');
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(output.ToString()));
        }
        catch (YamlException e)
        {
            problems.Add(new ArtilleryProblem(file, e.Start.Line, e.Start.Column, "(yaml)", "not valid YAML: " + (e.InnerException?.Message ?? e.Message)));
            return new YamlSource(null, quoted);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails on some unclosed flow collections without a position.
            problems.Add(new ArtilleryProblem(file, 1, 1, "(yaml)", $"not valid YAML ({e.Message}); check that every [ and {{ is closed"));
            return new YamlSource(null, quoted);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            problems.Add(new ArtilleryProblem(file, second.Line, second.Column, "(yaml)", "a script must hold one YAML document; this is the second"));
        }

        return new YamlSource(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, quoted);
    }

    // A mapping value or sequence item that starts with "{{" and is not quoted, up to the end of the line or a " #" comment.
    [GeneratedRegex(@"^\s*(?:(?:-\s+)+(?:[^\s#'""{\-][^#'""]*?:\s+)?|[^\s#'""{\-][^#'""]*?:\s+)(?<value>\{\{(?:(?!\s#).)*)(?<comment>\s#.*)?$")]
    private static partial Regex UnquotedTemplate();
}
