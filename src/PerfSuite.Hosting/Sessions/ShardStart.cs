using System.Globalization;

namespace PerfSuite.Hosting.Sessions;

/// <summary>
/// The common start of a split run's shards: each waits for the same instant (<c>PERF_START_AT</c>) on its own clock
/// and records how late it started. Bounded both ways: an instant too far ahead or already past by more than
/// <see cref="MaxLate"/> is refused with the instant, the clock's reading and the bound, before any load is sent.
/// </summary>
public static class ShardStart
{
    /// <summary>How far past the instant a shard may still start (a pod scheduled late); later is an error.</summary>
    public static TimeSpan MaxLate { get; } = TimeSpan.FromSeconds(30);

    /// <summary>How far ahead the instant may be.</summary>
    public static TimeSpan MaxAhead { get; } = TimeSpan.FromHours(1);

    /// <summary>Waits until <paramref name="startAt"/> on <paramref name="time"/>; returns the start lag (zero without an instant).</summary>
    /// <param name="startAt">The common start; <c>null</c> to start at once.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InvalidOperationException">The instant is past by more than <see cref="MaxLate"/> or ahead by more than <see cref="MaxAhead"/>.</exception>
    public static async Task<TimeSpan> WaitAsync(DateTimeOffset? startAt, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (startAt is not { } instant)
        {
            return TimeSpan.Zero;
        }

        var now = time.GetUtcNow();
        var wait = instant - now;
        if (wait > MaxAhead)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"PERF_START_AT={instant:O} is {wait.TotalMinutes:0.#} min ahead of this machine's clock ({now:O}): more than the bound of {MaxAhead.TotalMinutes:0} min"));
        }

        if (-wait > MaxLate)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"PERF_START_AT={instant:O} is already {-wait.TotalSeconds:0.#} s past on this machine's clock ({now:O}): more than the bound of {MaxLate.TotalSeconds:0} s; set a later common start"));
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        var lag = time.GetUtcNow() - instant;
        return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
    }
}
