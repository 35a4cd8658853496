namespace PerfSuite.Engine;

/// <summary>
/// Input that cannot be used, with every problem found rather than only the first (a budgets file, the <c>PERF_*</c>
/// settings, the shards of a merge), so one run shows all of them. Catch this type to handle any of them alike.
/// </summary>
public abstract class ProblemListException : Exception
{
    /// <summary>Creates the exception from a list of problems, its message a heading followed by one indented line per problem.</summary>
    /// <param name="heading">The first line, e.g. <c>Cannot merge the shards:</c>.</param>
    /// <param name="problems">The problems, one readable line each.</param>
    protected ProblemListException(string heading, IReadOnlyList<string> problems)
        : base(Describe(heading, problems)) => Problems = problems ?? [];

    /// <summary>Creates the exception with one problem, which is also the message.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="innerException">The cause, or null.</param>
    protected ProblemListException(string problem, Exception? innerException)
        : base(problem, innerException) => Problems = [problem];

    /// <summary>Every problem, one readable line each, in the order found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string heading, IReadOnlyList<string> problems) =>
        heading + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems ?? []);
}
