using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Feeds;

/// <summary>Reads a CSV feed (RFC 4180, split by <see cref="CsvText"/>): a header line of field names, then one record per non-blank line; every problem names the file, line and value.</summary>
internal static class CsvFeedReader
{
    public static (IReadOnlyList<string> Fields, IReadOnlyList<VariableValue[]> Records, IReadOnlyList<string> Problems) Read(string feed, string text, char delimiter = ',')
    {
        var problems = new List<string>();
        var rows = CsvText.Records(text, delimiter);
        problems.AddRange(rows.Where(r => r.Unclosed).Select(r => $"feed {feed} line {r.Line}: a quoted field is not closed: '{r.Raw}'"));
        if (rows.Count == 0)
        {
            return ([], [], problems);
        }

        var (headerLine, header, headerText, _) = rows[0];
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
        foreach (var (line, fields, raw, _) in rows.Skip(1))
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
}
