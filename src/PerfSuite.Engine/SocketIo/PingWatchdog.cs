namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Engine.IO v4 liveness: the server pings every pingInterval, so silence longer than pingInterval + pingTimeout
/// means the connection is dead even if TCP has not noticed yet.
/// </summary>
internal sealed class PingWatchdog : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _limit;

    /// <summary>Arms the watchdog; <paramref name="onSilence"/> runs once when no ping arrives within <paramref name="limit"/>.</summary>
    public PingWatchdog(TimeProvider timeProvider, TimeSpan limit, Action onSilence)
    {
        _limit = limit;
        _timer = timeProvider.CreateTimer(_ => onSilence(), null, limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Restarts the countdown; call on every ping.</summary>
    public void Reset() => _timer.Change(_limit, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();
}
