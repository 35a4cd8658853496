namespace PerfSuite.Artillery;

/// <summary>
/// An Artillery script that cannot run as written: every problem found (not only the first), each with file, line, column
/// and key. Thrown before any load is sent.
/// </summary>
public sealed class ArtilleryScriptException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">At least one problem.</param>
    public ArtilleryScriptException(IReadOnlyList<ArtilleryProblem> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with no problems listed (for serializers and analyzers).</summary>
    public ArtilleryScriptException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message and no problem list.</summary>
    /// <param name="message">The message.</param>
    public ArtilleryScriptException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ArtilleryScriptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<ArtilleryProblem> Problems { get; }

    private static string Format(IReadOnlyList<ArtilleryProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"The Artillery script cannot run ({problems.Count} {noun}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}
