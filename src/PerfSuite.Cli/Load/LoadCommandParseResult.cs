using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Load;

/// <summary>The outcome of <see cref="LoadCommandParser.Parse"/>: either arguments or an error message, never both.</summary>
/// <param name="Arguments">The validated arguments; <c>null</c> when <paramref name="Error"/> is set.</param>
/// <param name="Error">What is wrong, naming the argument and the value given; <c>null</c> on success.</param>
public sealed record LoadCommandParseResult(LoadCommandArguments? Arguments, string? Error)
{
    /// <summary>True when the arguments are valid.</summary>
    public bool Succeeded => Arguments is not null;

    internal static LoadCommandParseResult Fail(string error) => new(null, error);
}
