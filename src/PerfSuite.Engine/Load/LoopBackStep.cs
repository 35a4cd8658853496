namespace PerfSuite.Engine.Load;

/// <summary>
/// The end of a <see cref="ScenarioBuilder.RepeatUntilStopped"/> body: the user goes back to the body's first step
/// (<see cref="BodyStart"/>, an index in the flow). Not timed, not an endpoint; it yields so a body that never waits
/// cannot hold a thread, and the run's stop ends it like any waiting step.
/// </summary>
internal sealed class LoopBackStep(int bodyStart) : FlowStep
{
    public int BodyStart { get; } = bodyStart;

    public override string? EndpointName => null;

    public override async Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        return true;
    }
}
