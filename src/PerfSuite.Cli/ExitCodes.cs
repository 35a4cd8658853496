namespace PerfSuite.Cli;

/// <summary>
/// The exit codes of every <c>perfsuite</c> (and <c>perfsuite-lab</c>) command: the one table, also in
/// <c>src/PerfSuite.Cli/README.md</c>. A CI step may gate on them: only <see cref="Passed"/> is a pass.
/// </summary>
internal static class ExitCodes
{
    /// <summary>0: the run met its thresholds or budget; a comparison found no regression; help or version printed.</summary>
    public const int Passed = 0;

    /// <summary>
    /// 1: a threshold or budget was missed (with none given, <c>load</c>'s default error-rate threshold), a comparison found a
    /// regression, or a lab measurement's own check failed.
    /// </summary>
    public const int Missed = 1;

    /// <summary>2: a bad argument, file or setting, named in the message; nothing was sent.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// 3: the target did not answer: every request timed out, failed to connect or got bytes that were not a valid HTTP
    /// response (<c>did not answer as HTTP</c>, naming the error kinds), a server did not respond in time, a server to
    /// compare could not be started or answered none of the warm-up round's requests. The message names what did not answer.
    /// </summary>
    public const int TargetUnavailable = 3;

    /// <summary>4: an unexpected failure of the tool itself; its message is printed (no stack trace). Never a pass.</summary>
    public const int Failed = 4;

    /// <summary>130: interrupted with Ctrl+C (128 + SIGINT); partial results are written, marked cancelled. Never a pass.</summary>
    public const int Interrupted = 130;

    /// <summary>The table as the help and the docs print it.</summary>
    public const string Table =
        "exit codes: 0 met (no regression), 1 threshold or budget missed (regression), 2 bad input (nothing sent), "
        + "3 target did not answer, 4 tool failure, 130 interrupted";
}
