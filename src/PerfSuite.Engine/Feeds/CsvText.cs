using System.Text;

namespace PerfSuite.Engine.Feeds;

/// <summary>One record of a CSV text: the line it starts on (1-based), its fields, its text as written, and whether a quoted field was left open.</summary>
/// <param name="Line">The line the record starts on, 1-based.</param>
/// <param name="Fields">The fields, unquoted.</param>
/// <param name="Raw">The record's text as written (several lines when a quoted field holds a newline).</param>
/// <param name="Unclosed">True when a quoted field is not closed before the end of the text.</param>
internal readonly record struct CsvRecord(int Line, IReadOnlyList<string> Fields, string Raw, bool Unclosed);

/// <summary>
/// The one CSV splitter (RFC 4180) of the product: fields separated by a delimiter, quoted with <c>"</c> (holding the
/// delimiter, newlines and <c>""</c> for a quote), records ended by LF or CRLF, a leading BOM and blank lines skipped.
/// The engine's CSV feeds and the Artillery payload reader both split with it.
/// </summary>
internal static class CsvText
{
    /// <summary>True when <paramref name="delimiter"/> can separate fields (not a quote, a line end or a NUL).</summary>
    public static bool IsDelimiter(char delimiter) => delimiter is not ('"' or '\n' or '\r' or '\0');

    /// <summary>Splits <paramref name="text"/> into records, each with the line it starts on; blank lines are skipped.</summary>
    /// <param name="text">The whole CSV text.</param>
    /// <param name="delimiter">The field separator, e.g. <c>,</c> or <c>;</c> (see <see cref="IsDelimiter"/>).</param>
    public static List<CsvRecord> Records(string text, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsDelimiter(delimiter))
        {
            throw new ArgumentOutOfRangeException(nameof(delimiter), delimiter, "A CSV delimiter cannot be a quote, a line end or NUL.");
        }

        var records = new List<CsvRecord>();
        var line = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var field = new StringBuilder();
        while (i < text.Length)
        {
            var start = i;
            var startLine = line;
            var fields = new List<string>();
            field.Clear();
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
                else if (c == delimiter)
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
            fields.Add(field.ToString());
            if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            i++;
            line++;
            if (raw.Trim().Length > 0)
            {
                records.Add(new CsvRecord(startLine, fields, raw, quoted));
            }
        }

        return records;
    }
}
