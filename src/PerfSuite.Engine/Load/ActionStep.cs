namespace PerfSuite.Engine.Load;

/// <summary>
/// Bookkeeping between steps (<see cref="ScenarioBuilder.Do"/>): not timed, not an endpoint. An exception here is a bug
/// in the scenario, not a load failure: the run reports it as an engine fault.
/// </summary>
internal sealed class ActionStep(Action<StepContext> action, IReadOnlyList<string> sets) : FlowStep
{
    public override string? EndpointName => null;

    public override IReadOnlyList<string> CapturedVariables => sets;

    public override Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        action(user.Context);
        return Task.FromResult(true);
    }
}
