using System.Globalization;
using System.Text;

namespace PerfSuite.Reporting.Profiles;

/// <summary>
/// A sampling profile as collapsed stacks, the format of <c>py-spy record --format raw</c> and flamegraph.pl: one stack per
/// line, root first, frames separated by <c>;</c>, then a space and the sample count. With <c>--subprocesses</c> py-spy
/// starts each stack with one <c>process PID:"command line"</c> frame per process level (master, then worker); a command
/// line may itself hold a <c>;</c>, which <see cref="Parse"/> keeps inside its frame.
/// </summary>
public sealed class CollapsedStacks
{
    private const string ProcessPrefix = "process ";

    private CollapsedStacks(IReadOnlyList<StackSample> stacks)
    {
        Stacks = stacks;
        TotalSamples = stacks.Sum(s => s.Samples);
    }

    /// <summary>An empty profile (no samples).</summary>
    public static CollapsedStacks Empty { get; } = new([]);

    /// <summary>The distinct stacks, in the order first seen.</summary>
    public IReadOnlyList<StackSample> Stacks { get; }

    /// <summary>The sum of every stack's samples.</summary>
    public long TotalSamples { get; }

    /// <summary>Reads collapsed stacks; blank lines are skipped, and a stack seen twice has its samples added.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="FormatException">A line does not end with a space and a positive sample count; names the line.</exception>
    public static CollapsedStacks Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stacks = new List<StackSample>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var samples) || samples < 1)
            {
                throw new FormatException($"Line {lineNumber} of the collapsed stacks does not end with ' <samples>': '{Truncate(line)}'.");
            }

            stacks.Add(new StackSample(SplitFrames(line[..space]), samples));
        }

        return Merge(stacks);
    }

    /// <summary>Every stack of every profile, with the samples of identical stacks added: nothing is dropped or rounded.</summary>
    /// <param name="profiles">The profiles, e.g. one per load test case.</param>
    /// <returns>The merged profile; its <see cref="TotalSamples"/> is the sum of theirs.</returns>
    public static CollapsedStacks Merge(IEnumerable<CollapsedStacks> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return Merge(profiles.SelectMany(p => p.Stacks));
    }

    /// <summary>Whether <paramref name="frame"/> is one of py-spy's <c>process PID:"command line"</c> frames.</summary>
    /// <param name="frame">A frame name.</param>
    /// <returns>True for a process frame.</returns>
    public static bool IsProcessFrame(string frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.StartsWith(ProcessPrefix, StringComparison.Ordinal) || !frame.EndsWith('"'))
        {
            return false;
        }

        var colon = frame.IndexOf(":\"", ProcessPrefix.Length, StringComparison.Ordinal);
        return colon > ProcessPrefix.Length && frame.AsSpan(ProcessPrefix.Length, colon - ProcessPrefix.Length).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>The profile as collapsed stacks, one line per stack (each ending with <c>\n</c>), readable by <see cref="Parse"/> and flamegraph.pl.</summary>
    /// <returns>The text; empty for an empty profile.</returns>
    public string Format()
    {
        var text = new StringBuilder();
        foreach (var stack in Stacks)
        {
            text.Append(stack).Append('\n');
        }

        return text.ToString();
    }

    private static CollapsedStacks Merge(IEnumerable<StackSample> stacks)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new List<StackSample>();
        foreach (var stack in stacks)
        {
            var key = string.Join('\n', stack.Frames);
            if (index.TryGetValue(key, out var at))
            {
                merged[at] = merged[at] with { Samples = merged[at].Samples + stack.Samples };
            }
            else
            {
                index[key] = merged.Count;
                merged.Add(stack);
            }
        }

        return new CollapsedStacks(merged);
    }

    private static List<string> SplitFrames(string stack)
    {
        var frames = new List<string>();
        var parts = stack.Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            var frame = parts[i];

            // A process frame's quoted command line may contain ';': join the pieces until the closing quote.
            if (frame.StartsWith(ProcessPrefix, StringComparison.Ordinal) && frame.Contains(":\"", StringComparison.Ordinal))
            {
                var joined = frame;
                var j = i;
                while (!IsProcessFrame(joined) && j + 1 < parts.Length)
                {
                    joined += ";" + parts[++j];
                }

                if (IsProcessFrame(joined))
                {
                    frame = joined;
                    i = j;
                }
            }

            frames.Add(frame);
        }

        return frames;
    }

    private static string Truncate(string line) => line.Length <= 120 ? line : string.Concat(line.AsSpan(0, 117), "...");
}
