namespace PerfSuite.Engine.Load;

/// <summary>Thrown by <see cref="StepContext.Check"/>: a custom step's named check failed.</summary>
public sealed class CheckFailedException : Exception
{
    /// <summary>Creates the exception for a failed check.</summary>
    /// <param name="checkName">The check's name in the reports.</param>
    public CheckFailedException(string checkName)
        : base($"check '{checkName}' failed")
    {
        CheckName = checkName;
    }

    /// <summary>The check's name; the error is recorded as <c>check:&lt;name&gt;</c>.</summary>
    public string CheckName { get; }
}
