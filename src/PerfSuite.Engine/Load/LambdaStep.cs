using System.Diagnostics;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Load;

/// <summary>
/// A custom step: a user's lambda, timed from its call to its completion and recorded under its own endpoint (kind
/// <c>custom</c>, code 0). An exception is <c>step-failed</c> (or <c>timeout</c> when the run's request timeout
/// cancelled it, <c>check:&lt;name&gt;</c> for <see cref="StepContext.Check"/>) and ends the user's flow; the run goes on.
/// </summary>
internal sealed class LambdaStep(string name, Func<StepContext, CancellationToken, Task> body, IReadOnlyList<string> sets) : FlowStep
{
    public override string EndpointName { get; } = name;

    public override string EndpointKind => CustomKind;

    public override IReadOnlyList<string> CapturedVariables => sets;

    public override async Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        var token = user.RequestTimeout.Start(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await body(user.Context, token).ConfigureAwait(false);
        }
        catch (CheckFailedException check)
        {
            user.Recorder.Response(endpointId, user.WarmUp, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, 0, failed: true);
            user.Recorder.StepError(endpointId, user.WarmUp, ErrorKind.CheckFailed, check.CheckName);
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return user.RecordFailure(endpointId, e, e is OperationCanceledException or TimeoutException ? ErrorKind.Timeout : ErrorKind.StepFailed);
        }
        finally
        {
            user.RequestTimeout.Stop();
        }

        user.Recorder.Response(endpointId, user.WarmUp, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, 0, failed: false);
        return user.CheckSet(endpointId, sets);
    }
}
