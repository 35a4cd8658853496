namespace PerfSuite.Hosting.Targets;

/// <summary>
/// A started target answered none of a run's requests (every one timed out, was refused or reset, or got bytes that were
/// not a valid HTTP response): there is nothing to measure, which a front end names apart from a result.
/// </summary>
public sealed class TargetDidNotAnswerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TargetDidNotAnswerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TargetDidNotAnswerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetDidNotAnswerException()
    {
    }
}
