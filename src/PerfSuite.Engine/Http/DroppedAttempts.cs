namespace PerfSuite.Engine.Http;

/// <summary>
/// Per virtual user: request attempts the server ended without a response byte (closed or reset after the request was
/// written). <see cref="SocketsHttpHandler"/> retries such a request silently on a new connection when the dropped one
/// was a pooled connection, so the step cannot see them; the connection's stream counts them here instead.
/// A user runs one request at a time, so the counts that grew during a request belong to it.
/// </summary>
internal sealed class DroppedAttempts
{
    private long _closed;
    private long _reset;

    /// <summary>Attempts whose connection the server closed (FIN) before any response byte.</summary>
    public long Closed => Volatile.Read(ref _closed);

    /// <summary>Attempts whose connection the server reset (RST) before any response byte.</summary>
    public long Reset => Volatile.Read(ref _reset);

    public void OnClosed() => Interlocked.Increment(ref _closed);

    public void OnReset() => Interlocked.Increment(ref _reset);
}
