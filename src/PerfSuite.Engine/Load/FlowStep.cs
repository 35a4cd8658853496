namespace PerfSuite.Engine.Load;

/// <summary>One step of a scenario flow. Steps are immutable and shared by every virtual user running the flow.</summary>
internal abstract class FlowStep
{
    /// <summary>Endpoint name in the metrics (e.g. <c>GET /api/v1/citizens/</c>), or <c>null</c> for steps that are not requests.</summary>
    public abstract string? EndpointName { get; }

    /// <summary>The endpoint kind of a custom step (a user's lambda): counted apart from the protocol operations.</summary>
    public const string CustomKind = "custom";

    /// <summary><c>http</c>, <c>socket.io</c> or <see cref="CustomKind"/>.</summary>
    public virtual string EndpointKind => "http";

    /// <summary>Variables the step needs; it is skipped when one of them could not be captured.</summary>
    public virtual IReadOnlyList<string> RequiredVariables => [];

    /// <summary>Variables the step captures.</summary>
    public virtual IReadOnlyList<string> CapturedVariables => [];

    /// <summary>
    /// Runs the step. Returns false when it failed in a way that ends the flow (the failure is already recorded).
    /// Throws <see cref="OperationCanceledException"/> only when the run itself is cancelled.
    /// </summary>
    public abstract Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken);
}
