using System.Globalization;

namespace PerfSuite.Engine.Load;

/// <summary>
/// One phase of a <see cref="LoadProfile"/>: pure data that validates itself and plans its own virtual-user starts.
/// Phases run one after the other; offsets in a plan are relative to the start of the phase.
/// </summary>
/// <param name="Name">Phase name, used in validation messages and reports.</param>
/// <param name="Duration">How long the phase lasts; must be positive.</param>
public abstract record LoadPhase(string Name, TimeSpan Duration)
{
    /// <summary>True to exclude this phase's samples from the statistics (they still appear in the time series).</summary>
    public bool WarmUp { get; init; }

    /// <summary>Every problem with this phase, each naming the phase, the field and the value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("phase '': name must not be empty");
        }

        if (Duration <= TimeSpan.Zero)
        {
            problems.Add(Problem("duration", "be > 0", Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s"));
        }

        AddProblems(problems);
        return problems;
    }

    /// <summary>
    /// The virtual-user starts of this phase in ascending offset order, relative to the phase start.
    /// Pure: the same phase always gives the same plan.
    /// </summary>
    public abstract IReadOnlyList<PlannedStart> Plan();

    /// <summary>A short human-readable description, e.g. <c>ramp 10→50/s for 30 s, maxVusers 200</c>.</summary>
    public abstract string Describe();

    /// <summary>Adds the problems specific to the derived phase.</summary>
    /// <param name="problems">Where to add them.</param>
    protected abstract void AddProblems(ICollection<string> problems);

    /// <summary>Formats one problem as <c>phase 'name': field must be ... (was value)</c>.</summary>
    /// <param name="field">Field name as a user writes it, e.g. <c>arrivalRate</c>.</param>
    /// <param name="requirement">What is required, e.g. <c>be &gt;= 0</c>.</param>
    /// <param name="value">The offending value as text.</param>
    protected string Problem(string field, string requirement, string value) =>
        $"phase '{Name}': {field} must {requirement} (was {value})";

    /// <summary>Formats a number for messages and descriptions without culture surprises.</summary>
    /// <param name="value">The number.</param>
    protected static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
