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

    /// <summary>
    /// The split a reviewer acts on: every sample by whose code was running (its leaf frame): your code, frameworks and
    /// the standard library, the event loop at work, and idle polling (named as such, not a hot spot); empty without a profile.
    /// </summary>
    public IReadOnlyList<CodeShare> Split { get; init; } = [];

    /// <summary>The team's own functions by total samples (the function or what it called), most first; empty without a profile or without own frames.</summary>
    public IReadOnlyList<HotSpot> YourCode { get; init; } = [];

    /// <summary>The share of samples with any of the team's own frames on the stack, 0..1.</summary>
    public double YourCodeOnStackShare { get; init; }

    /// <summary>Whether there is a profile to show (false when <see cref="Unavailable"/> made it).</summary>
    public bool HasProfile => Samples > 0;

    /// <summary>The hot spots of <paramref name="profile"/>.</summary>
    /// <param name="profile">The case's collapsed stacks.</param>
    /// <param name="note">What was profiled and where the flamegraph is.</param>
    /// <param name="top">How many functions each table lists, &gt;= 1.</param>
    /// <returns>The section.</returns>
    public static ServerHotSpots From(CollapsedStacks profile, string note, int top = DefaultTop) => From(profile, note, CodeClassifier.Default, top);

    /// <summary>The hot spots of <paramref name="profile"/>, split by whose code ran as <paramref name="classifier"/> says.</summary>
    /// <param name="profile">The case's collapsed stacks.</param>
    /// <param name="note">What was profiled and where the flamegraph is.</param>
    /// <param name="classifier">Whose code each frame is.</param>
    /// <param name="top">How many functions each table lists, &gt;= 1.</param>
    /// <returns>The section.</returns>
    public static ServerHotSpots From(CollapsedStacks profile, string note, CodeClassifier classifier, int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(classifier);
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

        var kinds = new Dictionary<CodeKind, long>();
        var kindTop = new Dictionary<CodeKind, Dictionary<string, long>>();
        long onStack = 0;
        var ownTotal = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stack in profile.Stacks)
        {
            var frames = stack.Frames.Where(f => !CollapsedStacks.IsProcessFrame(f)).ToList();
            if (frames.Count == 0)
            {
                continue;
            }

            var kind = classifier.Classify(frames[^1]);
            kinds[kind] = kinds.GetValueOrDefault(kind) + stack.Samples;
            var byFunction = kindTop.TryGetValue(kind, out var found) ? found : kindTop[kind] = new Dictionary<string, long>(StringComparer.Ordinal);
            byFunction[frames[^1]] = byFunction.GetValueOrDefault(frames[^1]) + stack.Samples;
            var mine = frames.Where(f => classifier.Classify(f) == CodeKind.YourCode).ToList();
            if (mine.Count > 0)
            {
                onStack += stack.Samples;
                ownTotal.UnionWith(mine);
            }
        }

        var samples = profile.TotalSamples;
        CodeShare Row(CodeKind kind, string label) => new(
            kind, label, kinds.GetValueOrDefault(kind), Share(kinds.GetValueOrDefault(kind), samples),
            [.. (kindTop.GetValueOrDefault(kind) ?? []).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(3).Select(p => p.Key)]);
        IReadOnlyList<CodeShare> split =
        [
            Row(CodeKind.YourCode, classifier.YourCodePrefixes.Count > 0 ? $"Your code ({string.Join(", ", classifier.YourCodePrefixes)})" : "Your code (not the standard library, site-packages, a known framework or the event loop)"),
            Row(CodeKind.Framework, "Frameworks and the standard library"),
            Row(CodeKind.EventLoop, "The event loop at work (switching, sending, reading)"),
            Row(CodeKind.Idle, "Idle polling: the event loop waiting for work (not a hot spot)"),
        ];
        HotSpot Spot(string function) => new(
            function, own.GetValueOrDefault(function), total[function], Share(own.GetValueOrDefault(function), samples), Share(total[function], samples));
        return new ServerHotSpots(
            samples,
            [.. own.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top).Select(p => Spot(p.Key))],
            [.. total.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top).Select(p => Spot(p.Key))],
            note)
        {
            Split = split,
            YourCode = [.. total.Where(p => ownTotal.Contains(p.Key)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top).Select(p => Spot(p.Key))],
            YourCodeOnStackShare = Share(onStack, samples),
        };
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
