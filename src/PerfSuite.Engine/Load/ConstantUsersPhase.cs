using System.Globalization;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Closed model: <see cref="Users"/> virtual users start together and each loops its flow until the phase ends.
/// A flow in progress at the end completes (or is cancelled after the run's graceful-stop bound).
/// </summary>
/// <param name="Name">Phase name.</param>
/// <param name="Duration">Phase length; must be positive.</param>
/// <param name="Users">Concurrent virtual users; must be &gt;= 0.</param>
public sealed record ConstantUsersPhase(string Name, TimeSpan Duration, int Users) : LoadPhase(Name, Duration)
{
    /// <inheritdoc />
    public override IReadOnlyList<PlannedStart> Plan() =>
        Duration <= TimeSpan.Zero || Users <= 0
            ? []
            : Enumerable.Repeat(new PlannedStart(TimeSpan.Zero, Duration), Users).ToList();

    /// <inheritdoc />
    public override string Describe() => $"{Users} users for {Format(Duration.TotalSeconds)} s";

    /// <inheritdoc />
    protected override void AddProblems(ICollection<string> problems)
    {
        if (Users < 0)
        {
            problems.Add(Problem("users", "be >= 0", Users.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
