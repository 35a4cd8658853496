namespace PerfSuite.Engine.SocketIo;

/// <summary>Waits for named events; every wait registered before an event arrives receives that event.</summary>
internal sealed class EventWaiterRegistry
{
    private readonly Lock _gate = new();
    private Dictionary<string, List<TaskCompletionSource<SocketIoMessage>>>? _waiters;
    private Exception? _failure;

    /// <summary>Registers the wait synchronously; the returned task completes with the next event of that name.</summary>
    public Task<SocketIoMessage> WaitAsync(string eventName, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<SocketIoMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException<SocketIoMessage>(_failure);
            }

            // Created on the first wait: a held connection that never waits for an event costs no table.
            _waiters ??= new(StringComparer.Ordinal);
            if (!_waiters.TryGetValue(eventName, out var list))
            {
                list = [];
                _waiters[eventName] = list;
            }

            list.Add(completion);
        }

        return AwaitAsync(eventName, completion, cancellationToken);
    }

    /// <summary>Completes every wait for <paramref name="message"/>'s event name; false when nobody waited.</summary>
    public bool Complete(SocketIoMessage message)
    {
        List<TaskCompletionSource<SocketIoMessage>>? list;
        lock (_gate)
        {
            if (message.EventName is null || _waiters is null || !_waiters.Remove(message.EventName, out list))
            {
                return false;
            }
        }

        foreach (var completion in list)
        {
            completion.TrySetResult(message);
        }

        return true;
    }

    /// <summary>Fails every pending and every later wait with <paramref name="failure"/>.</summary>
    public void FailAll(Exception failure)
    {
        List<TaskCompletionSource<SocketIoMessage>> all;
        lock (_gate)
        {
            _failure ??= failure;
            all = _waiters is null ? [] : _waiters.Values.SelectMany(list => list).ToList();
            _waiters?.Clear();
        }

        foreach (var completion in all)
        {
            completion.TrySetException(failure);
        }
    }

    private async Task<SocketIoMessage> AwaitAsync(
        string eventName,
        TaskCompletionSource<SocketIoMessage> completion,
        CancellationToken cancellationToken)
    {
        try
        {
            return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (_waiters is not null && _waiters.TryGetValue(eventName, out var list))
                {
                    list.Remove(completion);
                }
            }

            throw;
        }
    }
}
