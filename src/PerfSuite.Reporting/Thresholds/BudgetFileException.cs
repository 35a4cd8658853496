using PerfSuite.Engine;

namespace PerfSuite.Reporting.Thresholds;

/// <summary>
/// A budgets file could not be used. <see cref="ProblemListException.Problems"/> lists every problem found, each naming the file,
/// the JSON path and the offending value, so one run of the suite shows all of them.
/// </summary>
public sealed class BudgetFileException : ProblemListException
{
    /// <summary>Creates an exception with no problem list.</summary>
    public BudgetFileException()
        : this("The budgets file could not be used.")
    {
    }

    /// <summary>Creates an exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public BudgetFileException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates an exception with one problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public BudgetFileException(string message, Exception? innerException)
        : base(message, innerException) => FilePath = string.Empty;

    /// <summary>Creates an exception listing every problem of a file.</summary>
    /// <param name="filePath">The file as the caller named it, e.g. <c>scenarios/budgets.json</c>.</param>
    /// <param name="problems">The problems, one readable line each, at least one.</param>
    public BudgetFileException(string filePath, IReadOnlyList<string> problems)
        : base($"{filePath}: {(problems?.Count == 1 ? "1 problem" : $"{problems?.Count ?? 0} problems")}:", problems ?? []) => FilePath = filePath;

    /// <summary>The file as the caller named it; empty when not known.</summary>
    public string FilePath { get; }
}
