namespace PerfSuite.Engine.Feeds;

/// <summary>How many flow runs of one run have taken a record of a feed; thread-safe.</summary>
internal sealed class FeedCursor
{
    private long _next;

    /// <summary>The 0-based index of the next flow run.</summary>
    public long Next() => Interlocked.Increment(ref _next) - 1;
}
