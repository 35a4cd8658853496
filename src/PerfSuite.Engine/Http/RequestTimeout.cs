namespace PerfSuite.Engine.Http;

/// <summary>
/// A virtual user's request timeout, re-armed for each request instead of creating a timer and a linked
/// cancellation source per request. The source runs on the run's <see cref="TimeProvider"/> and is cancelled by the
/// user's token through one registration that lives as long as the source. Not thread-safe: one request at a time.
/// </summary>
internal sealed class RequestTimeout(TimeProvider time, TimeSpan timeout) : IDisposable
{
    private CancellationTokenSource? _source;
    private CancellationTokenRegistration _link;
    private CancellationToken _linkedTo;

    /// <summary>Arms the timeout; the token is cancelled when it expires or <paramref name="cancellationToken"/> is cancelled.</summary>
    public CancellationToken Start(CancellationToken cancellationToken)
    {
        if (_source is null || _linkedTo != cancellationToken)
        {
            Drop();
            _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
            _linkedTo = cancellationToken;
            _link = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
        }

        _source.CancelAfter(timeout);
        return _source.Token;
    }

    /// <summary>Disarms the timeout after a request; a source that fired (or was cancelled) is replaced at the next start.</summary>
    public void Stop()
    {
        if (_source is not null && !_source.TryReset())
        {
            Drop();
        }
    }

    public void Dispose() => Drop();

    private void Drop()
    {
        // Unregister first: Dispose waits for a cancel callback in progress, so it never runs on a disposed source.
        _link.Dispose();
        _link = default;
        _source?.Dispose();
        _source = null;
    }
}
