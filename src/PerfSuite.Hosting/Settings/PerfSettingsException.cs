using PerfSuite.Engine;

namespace PerfSuite.Hosting.Settings;

/// <summary>
/// The <c>PERF_*</c> environment variables cannot be used. <see cref="ProblemListException.Problems"/> lists every
/// problem, each naming the variable and what is wrong; secret values are never quoted.
/// </summary>
public sealed class PerfSettingsException : ProblemListException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public PerfSettingsException()
        : this("The PERF_* environment variables cannot be used.")
    {
    }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public PerfSettingsException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public PerfSettingsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception listing every problem.</summary>
    /// <param name="problems">The problems, one line each, at least one.</param>
    public PerfSettingsException(IReadOnlyList<string> problems)
        : base("Load test settings (PERF_* environment variables) are invalid:", problems)
    {
    }
}
