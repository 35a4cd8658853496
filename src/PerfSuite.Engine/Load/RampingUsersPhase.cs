using System.Globalization;

namespace PerfSuite.Engine.Load;

/// <summary>
/// Closed model with a linear ramp of concurrent virtual users from <see cref="From"/> to <see cref="To"/>.
/// Ramping up, user k (0-based, k &gt;= From) starts when the target count passes k; ramping down, user k (k &gt;= To)
/// starts no new iteration once the target count falls to k. Each user loops its flow while it is active.
/// </summary>
/// <param name="Name">Phase name.</param>
/// <param name="Duration">Phase length; must be positive.</param>
/// <param name="From">Users at the start of the phase; must be &gt;= 0.</param>
/// <param name="To">Users at the end of the phase; must be &gt;= 0.</param>
public sealed record RampingUsersPhase(string Name, TimeSpan Duration, int From, int To) : LoadPhase(Name, Duration)
{
    /// <inheritdoc />
    public override IReadOnlyList<PlannedStart> Plan()
    {
        if (Duration <= TimeSpan.Zero || From < 0 || To < 0)
        {
            return [];
        }

        var plan = new List<PlannedStart>(Math.Max(From, To));
        for (var k = 0; k < Math.Max(From, To); k++)
        {
            var start = k < From ? TimeSpan.Zero : Duration * ((double)(k - From) / (To - From));
            var stop = k < To ? Duration : Duration * ((double)(From - k) / (From - To));
            plan.Add(new PlannedStart(start, stop));
        }

        return plan.OrderBy(s => s.Offset).ToList();
    }

    /// <inheritdoc />
    public override string Describe() => $"ramp {From}→{To} users for {Format(Duration.TotalSeconds)} s";

    /// <inheritdoc />
    protected override void AddProblems(ICollection<string> problems)
    {
        if (From < 0)
        {
            problems.Add(Problem("from", "be >= 0", From.ToString(CultureInfo.InvariantCulture)));
        }

        if (To < 0)
        {
            problems.Add(Problem("to", "be >= 0", To.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
