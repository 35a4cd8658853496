namespace PerfSuite.Engine.Feeds;

/// <summary>Which record of a <see cref="DataFeed"/> each run of a flow gets.</summary>
public enum FeedOrder
{
    /// <summary>Records in file order, one per flow run, starting over after the last (Artillery's default).</summary>
    Sequential,

    /// <summary>A record drawn by the user's random source, seeded from the run's seed: the same seed draws the same records.</summary>
    Random,

    /// <summary>Each record at most once per run, in file order; a run that needs more records than the feed has stops with <see cref="FeedExhaustedException"/>.</summary>
    Unique,
}
