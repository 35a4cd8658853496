namespace PerfSuite.Engine.Load;

/// <summary>
/// Delays on a <see cref="TimeProvider"/>. Like <see cref="Task.Delay(TimeSpan, CancellationToken)"/>, continuations run
/// on the thread that fires the timer, so a fake provider drives the whole engine deterministically in virtual time.
/// </summary>
internal static class TimeProviderDelay
{
    public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;
        }

        if (ReferenceEquals(time, TimeProvider.System))
        {
            return Task.Delay(delay, time, cancellationToken);
        }

        var completion = new TaskCompletionSource();
        var timer = time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), completion, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), completion);
        _ = completion.Task.ContinueWith(
            (_, state) =>
            {
                var (t, r) = ((ITimer, CancellationTokenRegistration))state!;
                t.Dispose();
                r.Dispose();
            },
            (timer, registration),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return completion.Task;
    }
}
