namespace PerfSuite.Engine.Load;

/// <summary>A named sequence of phases that run one after the other. Pure data: validate it, plan it, then run it.</summary>
/// <param name="Name">Profile name, e.g. <c>smoke</c>.</param>
/// <param name="Phases">Phases in running order.</param>
public sealed record LoadProfile(string Name, IReadOnlyList<LoadPhase> Phases)
{
    /// <summary>Total planned length of the phases.</summary>
    public TimeSpan Duration => Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);

    /// <summary>Every problem of every phase (and of the profile itself), in phase order; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Phases is null || Phases.Count == 0)
        {
            problems.Add($"profile '{Name}': phases must not be empty (was 0 phases)");
            return problems;
        }

        foreach (var phase in Phases)
        {
            problems.AddRange(phase.Validate());
        }

        var duplicates = Phases.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        problems.AddRange(duplicates.Select(name => $"profile '{Name}': phase names must be unique (was '{name}' more than once)"));
        return problems;
    }

    /// <summary>The plan of the whole profile: every start with offsets from the run start. Pure.</summary>
    public LoadPlan Plan() => new(Phases, new PhasedStarts(Phases), Duration);

    /// <summary>
    /// The part of <see cref="Plan()"/> that one shard of a split run starts: whole-plan start k belongs to shard
    /// k mod N, so the union of the N shards' plans is the whole plan, start for start (see <see cref="LoadShard"/>).
    /// </summary>
    /// <param name="shard">Which shard; <see cref="LoadShard.Whole"/> gives <see cref="Plan()"/>.</param>
    public LoadPlan Plan(LoadShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return shard.IsWhole ? Plan() : new(Phases, new ShardStarts(new PhasedStarts(Phases), shard), Duration) { Shard = shard };
    }
}
