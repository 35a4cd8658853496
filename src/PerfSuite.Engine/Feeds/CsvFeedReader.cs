using System.Text;
using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Feeds;

/// <summary>Reads a CSV feed (RFC 4180): a header line of field names, then one record per non-blank line; every problem names the file, line and value.</summary>
internal static class CsvFeedReader
{
    public static (IReadOnlyList<string> Fields, IReadOnlyList<VariableValue[]> Records, IReadOnlyList<string> Problems) Read(string feed, string text)
    {
        var problems = new List<string>();
        var rows = Rows(feed, text, problems);
        if (rows.Count == 0)
        {
            return ([], [], problems);
        }

        var (headerLine, header, headerText) = rows[0];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                problems.Add($"feed {feed} line {headerLine}: header field {i + 1} is empty (header: '{headerText}')");
            }
            else if (!VariableNames.IsValid(name))
            {
                problems.Add($"feed {feed} line {headerLine}: header field '{name}' is not a variable name (letters, digits, '_', '.', '-'; not starting with a digit)");
            }
            else if (!seen.Add(name))
            {
                problems.Add($"feed {feed} line {headerLine}: header field '{name}' appears twice");
            }
        }

        var records = new List<VariableValue[]>(rows.Count - 1);
        foreach (var (line, fields, raw) in rows.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                problems.Add($"feed {feed} line {line}: {fields.Count} field(s) but the header has {header.Count}: '{raw}'");
                continue;
            }

            records.Add(fields.Select(VariableValue.FromString).ToArray());
        }

        return (header.Select(h => h.Trim()).ToList(), records, problems);
    }

    /// <summary>Splits the text into rows of fields with the line each starts on; blank lines are skipped.</summary>
    private static List<(int Line, List<string> Fields, string Raw)> Rows(string feed, string text, List<string> problems)
    {
        var rows = new List<(int, List<string>, string)>();
        var line = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            var start = i;
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var wasQuoted = false;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0 && !wasQuoted)
                {
                    quoted = wasQuoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                }
                else if (c is '\n' or '\r')
                {
                    break;
                }
                else
                {
                    field.Append(c);
                }
            }

            var raw = text[start..i];
            if (quoted)
            {
                problems.Add($"feed {feed} line {startLine}: a quoted field is not closed: '{raw}'");
            }

            fields.Add(field.ToString());
            if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            i++;
            line++;
            if (raw.Trim().Length > 0)
            {
                rows.Add((startLine, fields, raw));
            }
        }

        return rows;
    }
}
