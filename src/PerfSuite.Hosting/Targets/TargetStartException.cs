namespace PerfSuite.Hosting.Targets;

/// <summary>
/// A target could not be started: a prerequisite is missing, the process exited, or readiness timed out.
/// The message says what to do and carries the tail of the target's log.
/// </summary>
public sealed class TargetStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TargetStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TargetStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetStartException()
    {
    }
}
