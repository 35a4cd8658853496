using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Feeds;

/// <summary>Turns records given as dictionaries (JSON objects, in-memory lists) into a feed's fields and rows, checking that every record has the first one's fields.</summary>
internal static class FeedRecords
{
    public static (IReadOnlyList<string> Fields, IReadOnlyList<VariableValue[]> Records, IReadOnlyList<string> Problems) FromDictionaries(
        string feed, IReadOnlyList<Dictionary<string, VariableValue>> records, string unit)
    {
        var problems = new List<string>();
        if (records.Count == 0)
        {
            return ([], [], problems);
        }

        var fields = records[0].Keys.ToList();
        problems.AddRange(fields.Where(f => !VariableNames.IsValid(f))
            .Select(f => $"feed {feed}: field '{f}' is not a variable name (letters, digits, '_', '.', '-'; not starting with a digit)"));
        var rows = new List<VariableValue[]>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            problems.AddRange(fields.Where(f => !record.ContainsKey(f)).Select(f => $"feed {feed} {unit} {i + 1}: lacks field '{f}' ({unit} 1 has it)"));
            problems.AddRange(record.Keys.Where(f => !fields.Contains(f)).Select(f => $"feed {feed} {unit} {i + 1}: has field '{f}' that {unit} 1 does not"));
            rows.Add(fields.Select(f => record.GetValueOrDefault(f)).ToArray());
        }

        return (fields, rows, problems);
    }
}
