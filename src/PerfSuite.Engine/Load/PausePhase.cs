namespace PerfSuite.Engine.Load;

/// <summary>A phase that starts no virtual users; users still active from earlier phases carry on.</summary>
/// <param name="Name">Phase name.</param>
/// <param name="Duration">Pause length; must be positive.</param>
public sealed record PausePhase(string Name, TimeSpan Duration) : LoadPhase(Name, Duration)
{
    /// <inheritdoc />
    public override IReadOnlyList<PlannedStart> Plan() => [];

    /// <inheritdoc />
    public override string Describe() => $"pause for {Format(Duration.TotalSeconds)} s";

    /// <inheritdoc />
    protected override void AddProblems(ICollection<string> problems)
    {
    }
}
