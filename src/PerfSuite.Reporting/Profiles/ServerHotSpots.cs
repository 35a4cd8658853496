namespace PerfSuite.Reporting.Profiles;

/// <summary>
/// The "Server hot spots" section of a report: the functions the server spent the most samples in during one load test
/// case, by own and by total samples, as shares of the case's samples; py-spy's process frames are stripped, file and
/// line kept. Or, when profiling was asked for but there is no profile, why.
/// </summary>
/// <param name="Samples">Every sample of the case's profile (the denominator of the shares); 0 when there is none.</param>
/// <param name="ByOwn">The top functions by own samples, most first (ties by name).</param>
/// <param name="ByTotal">The top functions by total samples, most first (ties by name).</param>
/// <param name="Note">What was profiled and where the flamegraph is, or why there is no profile.</param>
public sealed record ServerHotSpots(long Samples, IReadOnlyList<HotSpot> ByOwn, IReadOnlyList<HotSpot> ByTotal, string Note)
{
    /// <summary>How many functions each table lists by default.</summary>
    public const int DefaultTop = 15;

    /// <summary>Whether there is a profile to show (false when <see cref="Unavailable"/> made it).</summary>
    public bool HasProfile => Samples > 0;

    /// <summary>The hot spots of <paramref name="profile"/>.</summary>
    /// <param name="profile">The case's collapsed stacks.</param>
    /// <param name="note">What was profiled and where the flamegraph is.</param>
    /// <param name="top">How many functions each table lists, &gt;= 1.</param>
    /// <returns>The section.</returns>
    public static ServerHotSpots From(CollapsedStacks profile, string note, int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(note);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var own = new Dictionary<string, long>(StringComparer.Ordinal);
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var stack in profile.Stacks)
        {
            var frames = stack.Frames.Where(f => !CollapsedStacks.IsProcessFrame(f)).ToList();
            if (frames.Count == 0)
            {
                continue;
            }

            own[frames[^1]] = own.GetValueOrDefault(frames[^1]) + stack.Samples;
            foreach (var frame in frames.Distinct(StringComparer.Ordinal))
            {
                total[frame] = total.GetValueOrDefault(frame) + stack.Samples;
            }
        }

        var samples = profile.TotalSamples;
        HotSpot Spot(string function) => new(
            function, own.GetValueOrDefault(function), total[function], Share(own.GetValueOrDefault(function), samples), Share(total[function], samples));
        return new ServerHotSpots(
            samples,
            [.. own.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top).Select(p => Spot(p.Key))],
            [.. total.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top).Select(p => Spot(p.Key))],
            note);
    }

    /// <summary>The section for a case that has no profile, saying why.</summary>
    /// <param name="reason">Why there is no profile, e.g. py-spy is not installed.</param>
    /// <returns>The section with no rows.</returns>
    public static ServerHotSpots Unavailable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ServerHotSpots(0, [], [], reason);
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
