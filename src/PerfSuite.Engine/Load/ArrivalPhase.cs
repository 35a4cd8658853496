namespace PerfSuite.Engine.Load;

/// <summary>
/// Open model, with Artillery's semantics: <see cref="ArrivalRate"/> new virtual users per second, optionally ramping
/// linearly to <see cref="RampTo"/> across the phase. Each arrival runs one scenario flow to its end. An arrival that
/// would exceed <see cref="MaxVusers"/> concurrently active users is skipped and counted, never queued.
/// </summary>
/// <param name="Name">Phase name.</param>
/// <param name="Duration">Phase length; must be positive.</param>
/// <param name="ArrivalRate">Arrivals per second at the start of the phase; must be &gt;= 0.</param>
public sealed record ArrivalPhase(string Name, TimeSpan Duration, double ArrivalRate) : LoadPhase(Name, Duration)
{
    /// <summary>Arrivals per second at the end of the phase (linear ramp); <c>null</c> for a constant rate. Must be &gt;= 0.</summary>
    public double? RampTo { get; init; }

    /// <summary>Cap on concurrently active virtual users (all phases' users count); <c>null</c> for no cap. Must be &gt;= 1.</summary>
    public int? MaxVusers { get; init; }

    /// <summary>
    /// Arrivals are spaced deterministically: arrival k (0-based) is due when the integral of the rate reaches k,
    /// which for a constant rate r is k / r seconds. A phase plans ⌈∫rate⌉ arrivals, e.g. 300 for 60 s at 5/s and
    /// 900 for 30 s ramping 10→50/s.
    /// </summary>
    public override IReadOnlyList<PlannedStart> Plan()
    {
        var seconds = Duration.TotalSeconds;
        var from = ArrivalRate;
        var to = RampTo ?? ArrivalRate;
        return seconds <= 0 || !(from >= 0) || !(to >= 0) || double.IsInfinity(from) || double.IsInfinity(to)
            ? []
            : new ArrivalOffsets(from, to, seconds);
    }

    /// <inheritdoc />
    public override string Describe()
    {
        var rate = RampTo is { } to ? $"ramp {Format(ArrivalRate)}→{Format(to)}/s" : $"{Format(ArrivalRate)}/s";
        var cap = MaxVusers is { } max ? $", maxVusers {max}" : string.Empty;
        return $"{rate} for {Format(Duration.TotalSeconds)} s{cap}";
    }

    /// <inheritdoc />
    protected override void AddProblems(ICollection<string> problems)
    {
        if (!(ArrivalRate >= 0) || double.IsInfinity(ArrivalRate))
        {
            problems.Add(Problem("arrivalRate", "be >= 0", Format(ArrivalRate)));
        }

        if (RampTo is { } to && (!(to >= 0) || double.IsInfinity(to)))
        {
            problems.Add(Problem("rampTo", "be >= 0", Format(to)));
        }

        if (MaxVusers is { } max && max < 1)
        {
            problems.Add(Problem("maxVusers", "be >= 1", max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
