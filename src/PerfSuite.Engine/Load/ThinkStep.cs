namespace PerfSuite.Engine.Load;

/// <summary>Waits like a user reading the page: a fixed time or uniformly random in [min, max), scaled by the run's think-time scale.</summary>
internal sealed class ThinkStep(TimeSpan min, TimeSpan max) : FlowStep
{
    public override string? EndpointName => null;

    public override async Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        var span = max - min;
        var think = span > TimeSpan.Zero ? min + (span * user.Random.NextDouble()) : min;
        await user.DelayAsync(think * user.Options.ThinkTimeScale, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
