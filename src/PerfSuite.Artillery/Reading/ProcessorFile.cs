using System.Text.RegularExpressions;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// A script's JavaScript processor, read as text (PerfSuite runs no JavaScript): where each function is defined and what
/// its body says, so a hook can be named with file, line and column, and a token hook recognised.
/// </summary>
internal sealed partial class ProcessorFile
{
    private readonly string[] lines;

    private ProcessorFile(string path, string[] lines)
    {
        Path = path;
        this.lines = lines;
    }

    public string Path { get; }

    public static ProcessorFile? TryRead(string path) =>
        File.Exists(path) ? new ProcessorFile(path, File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')) : null;

    /// <summary>Where <paramref name="name"/> is defined: <c>file:line:column</c> of its name, or <c>null</c>.</summary>
    public (string Where, string Body)? Find(string name)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in Definition().Matches(lines[i]))
            {
                var group = match.Groups.Cast<Group>().Skip(1).First(g => g.Success);
                if (group.Value == name)
                {
                    return ($"{Path}:{i + 1}:{group.Index + 1}", Body(i, group.Index));
                }
            }
        }

        return null;
    }

    // From the definition to the brace that closes its first block (strings and comments are not parsed: good enough to
    // tell whether a function mentions Bearer).
    private string Body(int line, int column)
    {
        var depth = 0;
        var opened = false;
        var body = new System.Text.StringBuilder();
        for (var i = line; i < lines.Length; i++)
        {
            var text = i == line ? lines[i][column..] : lines[i];
            body.AppendLine(text);
            foreach (var c in text)
            {
                if (c == '{')
                {
                    depth++;
                    opened = true;
                }
                else if (c == '}')
                {
                    depth--;
                }
            }

            if (opened && depth <= 0)
            {
                break;
            }
        }

        return body.ToString();
    }

    [GeneratedRegex(@"(?:^|[^\w.$])(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(|(?:^|[^\w$])(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=|^\s*(?:const|let|var)?\s*([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)|^\s*([A-Za-z_$][\w$]*)\s*:\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>)|^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*\{")]
    private static partial Regex Definition();
}
