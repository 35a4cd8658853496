namespace PerfSuite.Artillery;

/// <summary>
/// Something in a script PerfSuite does not act on, as Artillery does not (a key its schema lets through and no part of
/// it reads), or an environment variable a dry run went without. Printed before the run; <c>--strict</c> makes the
/// ignored keys problems.
/// </summary>
/// <param name="File">The script.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Key">The key path, e.g. <c>config.apdex</c>.</param>
/// <param name="Message">E.g. <c>key 'config.apdex' is ignored, as Artillery does</c>.</param>
public sealed record ArtilleryWarning(string File, long Line, long Column, string Key, string Message)
{
    /// <summary><c>file:line:column: message</c>, the form compilers use for warnings.</summary>
    /// <returns>The formatted warning.</returns>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
