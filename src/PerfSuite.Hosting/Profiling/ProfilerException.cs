namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// A profiler could not start, or did not stop and write its profile. The message says what happened and ends with the
/// last lines py-spy printed, when it printed any.
/// </summary>
public sealed class ProfilerException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ProfilerException()
        : this("The profiler failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public ProfilerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ProfilerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
