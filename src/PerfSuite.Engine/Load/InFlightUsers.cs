namespace PerfSuite.Engine.Load;

/// <summary>Counts virtual users in flight; <see cref="Idle"/> completes once scheduling is sealed and the last one has left.</summary>
internal sealed class InFlightUsers
{
    private readonly TaskCompletionSource _idle = new();

    // Starts at 1 for the scheduler itself, so Idle cannot complete between two arrivals.
    private int _count = 1;
    private int _sealed;

    public Task Idle => _idle.Task;

    public int Count => Math.Max(0, Volatile.Read(ref _count) - (_idle.Task.IsCompleted ? 0 : 1));

    public void Enter() => Interlocked.Increment(ref _count);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>Called when no more users will be started; later calls do nothing.</summary>
    public void Seal()
    {
        if (Interlocked.Exchange(ref _sealed, 1) == 0)
        {
            Exit();
        }
    }
}
