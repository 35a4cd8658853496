namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Acknowledgements awaited by id; safe for concurrent emits and a concurrent receive loop. The table is created on the
/// first emit with an ack, so a held connection that never asks for one costs no table.
/// </summary>
internal sealed class AckRegistry
{
    private readonly Lock _gate = new();
    private Dictionary<int, TaskCompletionSource<SocketIoMessage>>? _pending;
    private int _nextId = -1;
    private Exception? _failure;

    /// <summary>Reserves the next ack id (0, 1, 2, ...) and registers its wait.</summary>
    public (int Id, TaskCompletionSource<SocketIoMessage> Completion) Register()
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<SocketIoMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            // A failure recorded before this registration would otherwise leave the wait pending forever.
            if (_failure is { } failure)
            {
                completion.TrySetException(failure);
            }
            else
            {
                (_pending ??= [])[id] = completion;
            }
        }

        return (id, completion);
    }

    /// <summary>Waits for the ack; the entry is removed however the wait ends.</summary>
    public async Task<SocketIoMessage> WaitAsync(int id, TaskCompletionSource<SocketIoMessage> completion, CancellationToken cancellationToken)
    {
        try
        {
            return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Remove(id);
        }
    }

    /// <summary>Drops a registration whose emit was never sent.</summary>
    public void Remove(int id)
    {
        lock (_gate)
        {
            _pending?.Remove(id);
        }
    }

    /// <summary>Completes the wait for <paramref name="id"/>; false when nobody waits for it (late or unknown ack).</summary>
    public bool Complete(int id, SocketIoMessage message)
    {
        TaskCompletionSource<SocketIoMessage>? completion = null;
        lock (_gate)
        {
            if (_pending is null || !_pending.Remove(id, out completion))
            {
                return false;
            }
        }

        return completion.TrySetResult(message);
    }

    /// <summary>Fails every pending and every later wait with <paramref name="failure"/>.</summary>
    public void FailAll(Exception failure)
    {
        TaskCompletionSource<SocketIoMessage>[] all;
        lock (_gate)
        {
            _failure ??= failure;
            all = _pending is { Count: > 0 } pending ? [.. pending.Values] : [];
            _pending?.Clear();
        }

        foreach (var completion in all)
        {
            completion.TrySetException(failure);
        }
    }
}
