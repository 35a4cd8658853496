using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Feeds;

/// <summary>
/// Per-user test data (Artillery's <c>payload</c>, k6's <c>SharedArray</c>): records whose fields become variables
/// (<c>{field}</c>) at the start of each run of a flow, see <see cref="ScenarioBuilder.WithFeed"/>. Files are read once,
/// by <see cref="ScenarioBuilder.Build"/>, which reports a missing file, a bad header, a ragged row or an empty feed
/// with the file, line and value; the records are then shared by every user.
/// </summary>
public sealed class DataFeed
{
    private readonly Func<DataFeed, (IReadOnlyList<string> Fields, IReadOnlyList<VariableValue[]> Records, IReadOnlyList<string> Problems)> _load;

    private DataFeed(string name, FeedOrder order, Func<DataFeed, (IReadOnlyList<string>, IReadOnlyList<VariableValue[]>, IReadOnlyList<string>)> load)
    {
        Name = name;
        Order = order;
        _load = load;
    }

    /// <summary>The feed's name in messages: the file path as given, or the name of an in-memory feed.</summary>
    public string Name { get; }

    /// <summary>Which record each flow run gets.</summary>
    public FeedOrder Order { get; }

    /// <summary>
    /// A CSV file (RFC 4180: fields separated by <paramref name="delimiter"/>, quoted with <c>"</c> to hold the delimiter,
    /// newlines or <c>""</c> for a quote): the first line names the fields, each further non-blank record has exactly as
    /// many fields.
    /// </summary>
    /// <param name="path">File path; relative paths are from the current directory.</param>
    /// <param name="order">Which record each flow run gets; default <see cref="FeedOrder.Sequential"/>.</param>
    /// <param name="delimiter">The field separator; default <c>,</c> (e.g. <c>;</c> or a tab); not a quote or a line end.</param>
    public static DataFeed FromCsv(string path, FeedOrder order = FeedOrder.Sequential, char delimiter = ',') =>
        new(path, order, feed => !CsvText.IsDelimiter(delimiter)
            ? ([], [], [$"feed {path}: delimiter must not be a quote, a line end or NUL (was U+{(int)delimiter:X4})"])
            : File.Exists(path)
                ? CsvFeedReader.Read(feed.Name, File.ReadAllText(path), delimiter)
                : ([], [], [$"feed {path}: file not found (full path {Path.GetFullPath(path)})"]));

    /// <summary>A JSON file holding an array of objects; every object must have the same fields. Strings become text variables, other values keep their JSON.</summary>
    /// <param name="path">File path.</param>
    /// <param name="order">Which record each flow run gets; default <see cref="FeedOrder.Sequential"/>.</param>
    public static DataFeed FromJson(string path, FeedOrder order = FeedOrder.Sequential) =>
        new(path, order, feed => File.Exists(path)
            ? JsonFeedReader.Read(feed.Name, File.ReadAllText(path))
            : ([], [], [$"feed {path}: file not found (full path {Path.GetFullPath(path)})"]));

    /// <summary>Records in memory (copied now); every record must have the same fields.</summary>
    /// <param name="name">The feed's name in messages, e.g. <c>offices</c>.</param>
    /// <param name="records">The records: field name → text value.</param>
    /// <param name="order">Which record each flow run gets; default <see cref="FeedOrder.Sequential"/>.</param>
    public static DataFeed FromRecords(string name, IEnumerable<IReadOnlyDictionary<string, string>> records, FeedOrder order = FeedOrder.Sequential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(records);
        var copy = records.Select(r => r.ToDictionary(f => f.Key, f => VariableValue.FromString(f.Value), StringComparer.Ordinal)).ToList();
        return new(name, order, feed => FeedRecords.FromDictionaries(feed.Name, copy, "record"));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Order})";

    /// <summary>Reads and checks the feed; returns every problem (empty when <paramref name="loaded"/> is usable).</summary>
    internal IReadOnlyList<string> Load(out LoadedFeed loaded)
    {
        IReadOnlyList<string> problems;
        IReadOnlyList<string> fields;
        IReadOnlyList<VariableValue[]> records;
        try
        {
            (fields, records, problems) = _load(this);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (fields, records, problems) = ([], [], [$"feed {Name}: cannot be read: {e.Message}"]);
        }

        if (!Enum.IsDefined(Order))
        {
            problems = [.. problems, $"feed {Name}: order must be Sequential, Random or Unique (was {(int)Order})"];
        }

        if (problems.Count == 0 && records.Count == 0)
        {
            problems = [$"feed {Name}: no records (was 0 records; a feed needs at least one record: an empty feed gives a flow nothing to run with)"];
        }

        loaded = new LoadedFeed(this, fields, records);
        return problems;
    }
}
