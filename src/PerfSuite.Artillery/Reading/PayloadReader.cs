using System.Text;
using System.Text.Json.Nodes;
using PerfSuite.Engine.Feeds;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// <c>config.payload</c> → data feeds: each flow run takes one CSV row, its columns named by <c>fields</c>
/// (<c>order: random</c>, Artillery's default, or <c>sequence</c>).
/// </summary>
internal static class PayloadReader
{
    private static readonly string[] Keys = ["path", "fields", "order", "skipHeader", "delimiter", "loadAll", "name"];

    public static IReadOnlyList<DataFeed> Read(ScriptContext context, YamlNode node, string scriptDirectory)
    {
        var items = node is YamlSequenceNode list ? list.Children.ToList() : [node];
        var feeds = new List<DataFeed>();
        for (var i = 0; i < items.Count; i++)
        {
            var key = node is YamlSequenceNode ? $"config.payload[{i}]" : "config.payload";
            if (Feed(context, items[i], key, scriptDirectory) is { } feed)
            {
                feeds.Add(feed);
            }
        }

        return feeds;
    }

    private static DataFeed? Feed(ScriptContext context, YamlNode node, string key, string scriptDirectory)
    {
        var entries = context.Mapping(node, key, Keys, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cast"] = "values are text, as PerfSuite's placeholders fill them",
            ["skipEmptyLines"] = "empty lines are always skipped",
        });
        if (entries is null)
        {
            return null;
        }

        var values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!values.TryGetValue("path", out var pathNode) || !values.TryGetValue("fields", out var fieldsNode))
        {
            context.Error(node, key, "a payload needs path (a CSV file next to the script) and fields (the column names)");
            return null;
        }

        var fields = (fieldsNode as YamlSequenceNode)?.Children.Select((f, i) => context.Text(f, $"{key}.fields[{i}]") ?? string.Empty).ToList();
        if (fields is null || fields.Count == 0)
        {
            context.Error(fieldsNode, key + ".fields", "must be a non-empty list of column names");
            return null;
        }

        var loadAll = values.TryGetValue("loadAll", out var loadAllNode) && context.Boolean(loadAllNode, key + ".loadAll") == true;
        var name = values.TryGetValue("name", out var nameNode) ? context.Text(nameNode, key + ".name") : null;
        if (!loadAll && nameNode is not null)
        {
            // Artillery reads name only with loadAll (runner.ts datafileVariables); each field is its own variable.
            context.Ignore(nameNode, key + ".name");
        }

        var order = FeedOrder.Random;
        if (values.TryGetValue("order", out var orderNode))
        {
            switch (context.Text(orderNode, key + ".order"))
            {
                case "random":
                    break;
                case "sequence":
                    order = FeedOrder.Sequential;
                    break;
                case { } other:
                    context.Error(orderNode, key + ".order", $"order '{other}' is not supported (supported: random, sequence)");
                    break;
            }
        }

        var skipHeader = values.TryGetValue("skipHeader", out var skipNode) && context.Boolean(skipNode, key + ".skipHeader") == true;
        var delimiter = values.TryGetValue("delimiter", out var delimiterNode) ? context.Text(delimiterNode, key + ".delimiter") : ",";
        if (delimiter is not { Length: 1 })
        {
            context.Error(delimiterNode!, key + ".delimiter", $"must be one character (was '{delimiter}')");
            return null;
        }

        var file = context.Text(pathNode, key + ".path");
        var path = file is null ? null : Path.GetFullPath(Path.Combine(scriptDirectory, file));
        if (path is null || !File.Exists(path))
        {
            context.Error(pathNode, key + ".path", $"the CSV file '{file}' was not found next to the script ({path})");
            return null;
        }

        var records = new List<IReadOnlyDictionary<string, string>>();
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Skip(skipHeader ? 1 : 0).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var cells = Split(lines[i], delimiter[0]);
            if (cells.Count < fields.Count)
            {
                context.Error(pathNode, key + ".path", $"{path}: row {i + 1 + (skipHeader ? 1 : 0)} has {cells.Count} columns, fields names {fields.Count}");
                return null;
            }

            records.Add(fields.Select((f, c) => (f, cells[c])).ToDictionary(p => p.f, p => p.Item2, StringComparer.Ordinal));
        }

        if (records.Count == 0)
        {
            context.Error(pathNode, key + ".path", $"{path} has no rows");
            return null;
        }

        if (loadAll)
        {
            return LoadAll(context, loadAllNode!, key, name, orderNode is not null, fields, lines.Select(l => Split(l, delimiter[0])).ToList(), records, Path.GetFileName(path), order);
        }

        return DataFeed.FromRecords(Path.GetFileName(path), records, order);
    }

    // loadAll with name (runner.ts datafileVariables, readers.ts createReader): without order the variable is the whole
    // file, a list of rows keyed by fields, for every user; with an order Artillery's reader returns one row per user, a
    // list of its cells. Without name Artillery only warns and sets nothing.
    private static DataFeed? LoadAll(ScriptContext context, YamlNode node, string key, string? name, bool ordered, List<string> fields, List<List<string>> rows,
        List<IReadOnlyDictionary<string, string>> records, string file, FeedOrder order)
    {
        if (string.IsNullOrWhiteSpace(name) || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
        {
            context.Warnings.Add(new ArtilleryWarning(context.File, node.Start.Line, node.Start.Column, key + ".loadAll",
                $"loadAll without a name{(name is null ? string.Empty : $" PerfSuite can use ('{name}')")}: Artillery prints a warning and sets no variable, so does PerfSuite"));
            return null;
        }

        if (!ordered)
        {
            context.Datasets[name] = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject(fields.Select(f => KeyValuePair.Create(f, (JsonNode?)JsonValue.Create(r[f])))))]);
            return null;
        }

        var cells = rows.Max(r => r.Count);
        context.RowDatasets[name] = cells;
        var perUser = rows.Select(r => (IReadOnlyDictionary<string, string>)r.Select((c, i) => KeyValuePair.Create($"{name}.{i}", c))
            .Append(KeyValuePair.Create(name, new JsonArray([.. r.Select(c => (JsonNode?)JsonValue.Create(c))]).ToJsonString()))
            .ToDictionary(StringComparer.Ordinal)).ToList();
        return DataFeed.FromRecords($"{file} ({name})", perUser, order);
    }

    // RFC 4180 cells: quoted cells may hold the delimiter and doubled quotes.
    private static List<string> Split(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
