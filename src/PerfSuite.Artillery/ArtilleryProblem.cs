namespace PerfSuite.Artillery;

/// <summary>One thing wrong with an Artillery script, at a place in a file.</summary>
/// <param name="File">The file the problem is in (the script, or its processor for a hook).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Key">The key path, e.g. <c>config.phases[0].arrivalRate</c> or <c>scenarios[1].flow[2].get.url</c>.</param>
/// <param name="Message">What is wrong and, where there is one, what to write instead.</param>
public sealed record ArtilleryProblem(string File, long Line, long Column, string Key, string Message)
{
    /// <summary><c>file:line:column: key: message</c>, the form compilers use, so editors can jump to it.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => $"{File}:{Line}:{Column}: {Key}: {Message}";
}
