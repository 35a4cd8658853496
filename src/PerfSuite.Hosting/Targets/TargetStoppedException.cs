namespace PerfSuite.Hosting.Targets;

/// <summary>
/// A target that had started stopped during the run (e.g. its container exited). The message says how and carries the
/// tail of the target's log, so a run's errors are not mistaken for a slow server.
/// </summary>
public sealed class TargetStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TargetStoppedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TargetStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetStoppedException()
    {
    }
}
