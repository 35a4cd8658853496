namespace PerfSuite.Engine.Load;

/// <summary>Sets one variable (the element of a <see cref="ScenarioBuilder.ForEach"/> iteration); not timed, not an endpoint.</summary>
internal sealed class SetVariableStep(string name, VariableValue value) : FlowStep
{
    public override string? EndpointName => null;

    public override IReadOnlyList<string> CapturedVariables { get; } = [name];

    public override Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        user.SetVariable(name, value);
        return Task.FromResult(true);
    }
}
