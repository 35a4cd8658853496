using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfSuite.Reporting.Reports;

/// <summary>
/// The one way PerfSuite writes (and reads back) its JSON files: <c>report.json</c>, <c>shard.json</c> and
/// <c>compare.json</c>. Indented, snake_case, named floating-point literals allowed, and no <c>\u</c> escapes: scenario
/// names carry en dashes, and the files are read by people and tools, never embedded in HTML.
/// </summary>
internal static class ReportJson
{
    /// <summary>The serializer options of every report file.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A report object serialized with <see cref="Options"/>, ended by a newline.</summary>
    /// <typeparam name="T">The report model.</typeparam>
    /// <param name="report">The report.</param>
    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options) + "\n";

    /// <summary>A report written field by field with the same indentation and escaping as <see cref="Options"/> (no final newline).</summary>
    /// <param name="write">Writes the document.</param>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = Options.WriteIndented, Encoder = Options.Encoder }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
