namespace PerfSuite.Engine.Feeds;

/// <summary>How many flow runs of one run have taken a record of a feed; thread-safe.</summary>
/// <remarks>In shard i of N the indices are i-1, i-1+N, i-1+2N, …, so no two shards take the same record.</remarks>
internal sealed class FeedCursor(long first = 0, long stride = 1)
{
    private long _next;

    /// <summary>The 0-based index of the next flow run (strided across the shards of a split run).</summary>
    public long Next() => first + ((Interlocked.Increment(ref _next) - 1) * stride);
}
