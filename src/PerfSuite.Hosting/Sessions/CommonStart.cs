using System.Collections.Concurrent;

namespace PerfSuite.Hosting.Sessions;

/// <summary>
/// The common start of a split run, applied once per process: the first case waits for the instant
/// (<see cref="ShardStart.WaitAsync"/>, bounded both ways) and records its lag; every later case of the process starts at
/// once and is recorded as such (no instant, zero lag), since the instant is then already past by the length of the
/// earlier cases and all shards run their cases in the same order.
/// </summary>
internal sealed class CommonStart(DateTimeOffset? instant, TimeProvider clock)
{
    private static readonly ConcurrentDictionary<(DateTimeOffset?, TimeProvider), CommonStart> Processes = new();
    private int _claimed;

    /// <summary>The common start instant (<c>PERF_START_AT</c>); <c>null</c> to start every case at once.</summary>
    public DateTimeOffset? Instant { get; } = instant;

    /// <summary>This process's common start for <paramref name="instant"/> on <paramref name="clock"/>: one for every session of the process.</summary>
    public static CommonStart ForProcess(DateTimeOffset? instant, TimeProvider clock) => Processes.GetOrAdd((instant, clock), key => new CommonStart(key.Item1, key.Item2));

    /// <summary>
    /// The first call waits for <see cref="Instant"/> and returns it with the lag; every later call returns at once with no
    /// instant and zero lag.
    /// </summary>
    /// <exception cref="InvalidOperationException">The first call finds the instant too far past or ahead (see <see cref="ShardStart"/>).</exception>
    public async Task<(DateTimeOffset? Instant, TimeSpan Lag)> WaitAsync(CancellationToken cancellationToken)
    {
        if (Instant is null || Interlocked.Exchange(ref _claimed, 1) == 1)
        {
            return (null, TimeSpan.Zero);
        }

        return (Instant, await ShardStart.WaitAsync(Instant, clock, cancellationToken).ConfigureAwait(false));
    }
}
