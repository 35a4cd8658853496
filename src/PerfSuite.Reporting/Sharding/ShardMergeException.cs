using PerfSuite.Engine;

namespace PerfSuite.Reporting.Sharding;

/// <summary>The shards given to a merge do not make one whole run; <see cref="ProblemListException.Problems"/> names each problem.</summary>
public sealed class ShardMergeException : ProblemListException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem, each naming the shard and its directory.</param>
    public ShardMergeException(IReadOnlyList<string> problems)
        : base("Cannot merge the shards:", problems)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ShardMergeException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ShardMergeException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ShardMergeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
