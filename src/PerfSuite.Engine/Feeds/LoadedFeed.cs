using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Feeds;

/// <summary>A feed read and checked by <see cref="ScenarioBuilder.Build"/>: field names and records, immutable, shared by every user.</summary>
internal sealed class LoadedFeed(DataFeed source, IReadOnlyList<string> fields, IReadOnlyList<VariableValue[]> records)
{
    /// <summary>The feed as declared; runs share one cursor per source, so a unique feed stays unique across scenarios.</summary>
    public DataFeed Source { get; } = source;

    public IReadOnlyList<string> Fields { get; } = fields;

    public IReadOnlyList<VariableValue[]> Records { get; } = records;

    /// <summary>The record of flow run <paramref name="run"/> (0-based, per source and run), or <c>null</c> when a unique feed has none left.</summary>
    public VariableValue[]? Pick(long run, Random random) => Source.Order switch
    {
        FeedOrder.Random => Records[random.Next(Records.Count)],
        FeedOrder.Unique => run < Records.Count ? Records[(int)run] : null,
        _ => Records[(int)(run % Records.Count)],
    };
}
