namespace PerfSuite.Engine.Feeds;

/// <summary>
/// A <see cref="FeedOrder.Unique"/> feed had no record left for a flow run. The run stops (no later user starts, users
/// in flight are cancelled) and <see cref="Load.LoadRunner.RunAsync"/> throws this instead of returning a summary.
/// </summary>
public sealed class FeedExhaustedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="feed">The feed's name (its file, as given).</param>
    /// <param name="records">How many records the feed has.</param>
    /// <param name="scenario">The scenario whose flow run found none left.</param>
    public FeedExhaustedException(string feed, int records, string scenario)
        : base($"feed {feed} (unique, {records} records) ran out: scenario '{scenario}' started flow run {records + 1} and every record was used once. "
            + "Give the feed more records, lower the load, or use FeedOrder.Sequential or FeedOrder.Random.")
    {
        Feed = feed;
        Records = records;
        Scenario = scenario;
    }

    /// <summary>The feed's name (its file, as given).</summary>
    public string Feed { get; }

    /// <summary>How many records the feed has.</summary>
    public int Records { get; }

    /// <summary>The scenario that found no record left.</summary>
    public string Scenario { get; }
}
