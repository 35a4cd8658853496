using System.Text.Json;
using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Feeds;

/// <summary>Reads a JSON feed: an array of objects with the same fields; strings become text variables, other values keep their JSON.</summary>
internal static class JsonFeedReader
{
    public static (IReadOnlyList<string> Fields, IReadOnlyList<VariableValue[]> Records, IReadOnlyList<string> Problems) Read(string feed, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return ([], [], [$"feed {feed} line {(e.LineNumber ?? 0) + 1}: not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return ([], [], [$"feed {feed}: must be a JSON array of objects (was {root.ValueKind.ToString().ToLowerInvariant()})"]);
            }

            var problems = new List<string>();
            var records = new List<Dictionary<string, VariableValue>>();
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"feed {feed} item {index}: must be an object (was {item.GetRawText()})");
                    continue;
                }

                var record = new Dictionary<string, VariableValue>(StringComparer.Ordinal);
                foreach (var property in item.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        problems.Add($"feed {feed} item {index}: field '{property.Name}' is null");
                    }

                    record[property.Name] = VariableValue.FromJson(property.Value);
                }

                records.Add(record);
            }

            var (fields, rows, recordProblems) = FeedRecords.FromDictionaries(feed, records, "item");
            return (fields, rows, [.. problems, .. recordProblems]);
        }
    }
}
