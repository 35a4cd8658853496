using System.Collections.Concurrent;

namespace PerfSuite.Engine.SocketIo;

/// <summary>Acknowledgements awaited by id; safe for concurrent emits and a concurrent receive loop.</summary>
internal sealed class AckRegistry
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<SocketIoMessage>> _pending = new();
    private int _nextId = -1;
    private Exception? _failure;

    /// <summary>Reserves the next ack id (0, 1, 2, ...) and registers its wait.</summary>
    public (int Id, TaskCompletionSource<SocketIoMessage> Completion) Register()
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<SocketIoMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;

        // A failure recorded before the add above would otherwise leave this wait pending forever.
        if (Volatile.Read(ref _failure) is { } failure && _pending.TryRemove(id, out _))
        {
            completion.TrySetException(failure);
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
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Drops a registration whose emit was never sent.</summary>
    public void Remove(int id) => _pending.TryRemove(id, out _);

    /// <summary>Completes the wait for <paramref name="id"/>; false when nobody waits for it (late or unknown ack).</summary>
    public bool Complete(int id, SocketIoMessage message) =>
        _pending.TryRemove(id, out var completion) && completion.TrySetResult(message);

    /// <summary>Fails every pending and every later wait with <paramref name="failure"/>.</summary>
    public void FailAll(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var completion))
            {
                completion.TrySetException(failure);
            }
        }
    }
}
