using System.Globalization;

namespace PerfSuite.Engine.Load;

/// <summary>
/// One shard of a run split across N generators, k6-execution-segment style: start k of the whole plan (every phase
/// kind counted in one sequence: arrivals and closed-model users alike) belongs to shard <c>k mod N</c>, so the union
/// of the N shards' schedules is the unsharded schedule, start for start. Each phase's <c>maxVusers</c> cap is split
/// so that the shares sum to the cap; per-user feed cursors are strided so records stay unique across shards.
/// </summary>
/// <param name="Index">1-based shard number, 1..<paramref name="Count"/> ("shard 2 of 4").</param>
/// <param name="Count">How many shards the run is split into; 1 for a whole run.</param>
public sealed record LoadShard(int Index, int Count)
{
    /// <summary>The whole run: shard 1 of 1.</summary>
    public static LoadShard Whole { get; } = new(1, 1);

    /// <summary>True for shard 1 of 1.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>True when start number <paramref name="globalIndex"/> (0-based, in the whole plan) belongs to this shard.</summary>
    /// <param name="globalIndex">0-based index of the start in the unsharded plan.</param>
    public bool Owns(long globalIndex) => globalIndex % Count == Index - 1;

    /// <summary>This shard's part of a concurrency cap: ⌊cap/N⌋, plus one for the first cap mod N shards; the parts sum to the cap.</summary>
    /// <param name="cap">The whole run's cap.</param>
    public int ShareOf(int cap) => (cap / Count) + (Index - 1 < cap % Count ? 1 : 0);

    /// <summary>The semantics as a report states them, e.g. <c>shard 2 of 4: 25 % of each phase</c>.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"shard {Index} of {Count}: {100.0 / Count:0.#} % of each phase");

    /// <summary>Every problem with the shard, naming the field and the value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Count < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"shard: count must be >= 1 (was {Count})"));
        }
        else if (Index < 1 || Index > Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"shard: index must be between 1 and {Count} (was {Index})"));
        }

        return problems;
    }

    /// <summary>Parses <c>i/N</c> (1-based i), e.g. <c>2/4</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">Where the text came from, for the message (e.g. <c>PERF_SHARD</c>, <c>--shard</c>).</param>
    /// <exception cref="FormatException">Not <c>i/N</c> with 1 &lt;= i &lt;= N; the message names the source and the value.</exception>
    public static LoadShard Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new LoadShard(index, count);
        }

        throw new FormatException($"{source} must be i/N with 1 <= i <= N, e.g. 2/4 (was '{text}')");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
