using System.Globalization;
using PerfSuite.Engine.Load;

namespace PerfSuite.Hosting.Settings;

/// <summary>
/// Reads which shard of a split run this process is: <c>PERF_SHARD=i/N</c> (1-based, e.g. a CI matrix), or on a
/// Kubernetes Indexed Job <c>JOB_COMPLETION_INDEX</c> (0-based, set by Kubernetes) with <c>PERF_SHARDS=N</c>;
/// and the common start instant <c>PERF_START_AT</c> (UTC, ISO 8601).
/// </summary>
public static class ShardSelection
{
    /// <summary>Shard as i/N.</summary>
    public const string ShardVariable = "PERF_SHARD";

    /// <summary>Shard count, with <see cref="CompletionIndexVariable"/>.</summary>
    public const string ShardsVariable = "PERF_SHARDS";

    /// <summary>Kubernetes' 0-based completion index of an Indexed Job's pod.</summary>
    public const string CompletionIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>Common start instant.</summary>
    public const string StartAtVariable = "PERF_START_AT";

    /// <summary>Reads the shard; <c>null</c> when none of the variables is set (a whole run).</summary>
    /// <param name="value">A variable name → its trimmed value, <c>null</c> when unset.</param>
    /// <exception cref="FormatException">A bad value; the message names the variable and the value.</exception>
    public static LoadShard? Parse(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shard = value(ShardVariable);
        var shards = value(ShardsVariable);
        if (shard is not null)
        {
            return LoadShard.Parse(shard, ShardVariable);
        }

        if (shards is null)
        {
            return null;
        }

        if (!int.TryParse(shards, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new FormatException($"{ShardsVariable}='{shards}' must be a whole number >= 1 (the number of shards, e.g. 4).");
        }

        var index = value(CompletionIndexVariable)
            ?? throw new FormatException($"{ShardsVariable}={count} is set but {CompletionIndexVariable} is not: set {ShardVariable}=i/N, or run as a Kubernetes Indexed Job (completionMode: Indexed).");
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var zeroBased) || zeroBased >= count)
        {
            throw new FormatException($"{CompletionIndexVariable}='{index}' must be a whole number from 0 to {count - 1} ({ShardsVariable}={count}).");
        }

        return new LoadShard(zeroBased + 1, count);
    }

    /// <summary>Reads <c>PERF_START_AT</c>; <c>null</c> when unset.</summary>
    /// <param name="value">A variable name → its trimmed value, <c>null</c> when unset.</param>
    /// <exception cref="FormatException">Not an instant with an offset or Z; the message names the variable and the value.</exception>
    public static DateTimeOffset? ParseStartAt(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value(StartAtVariable) is not { } text)
        {
            return null;
        }

        if (!(text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            throw new FormatException($"{StartAtVariable}='{text}' must be a UTC instant in ISO 8601 with Z or an offset (e.g. 2026-12-07T23:00:00Z).");
        }

        return instant.ToUniversalTime();
    }
}
