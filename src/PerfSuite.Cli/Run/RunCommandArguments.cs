namespace PerfSuite.Cli.Run;

/// <summary>The parsed arguments of <c>perfsuite run</c>.</summary>
/// <param name="Script">The Artillery YAML script.</param>
/// <param name="Target">From <c>--target</c>; overrides the script's <c>config.target</c>.</param>
/// <param name="Environment">From <c>--env-file</c> then <c>--env NAME=VALUE</c> (later wins); read before the process environment.</param>
/// <param name="ReportDirectory">From <c>--report-dir</c>; <c>null</c>: <c>artifacts/perf/RUN-ID/SCRIPT-artillery</c> under the current directory.</param>
/// <param name="BudgetsFile">From <c>--budgets</c>: a budgets.json whose entry for the script name and profile <c>artillery</c> replaces <c>config.ensure</c>.</param>
/// <param name="TokenHooks">From <c>--token-hook NAME</c> (repeatable).</param>
/// <param name="IgnoreHooks">From <c>--ignore-hooks</c>.</param>
/// <param name="Insecure">From <c>-k</c> / <c>--insecure</c>: accept any TLS certificate.</param>
/// <param name="AllowRemote">From <c>--allow-remote</c> (or <c>PERF_ALLOW_REMOTE=1</c>).</param>
/// <param name="DryRun">From <c>--dry-run</c>: check the script and print the plan; nothing is sent.</param>
/// <param name="Strict">From <c>--strict</c>: a key Artillery ignores is an error, not a warning.</param>
internal sealed record RunCommandArguments(
    string Script,
    Uri? Target,
    IReadOnlyDictionary<string, string> Environment,
    string? ReportDirectory,
    string? BudgetsFile,
    IReadOnlyList<string> TokenHooks,
    bool IgnoreHooks,
    bool Insecure,
    bool AllowRemote,
    bool DryRun = false,
    bool Strict = false)
{
    /// <summary>The shard of the plan (<c>--shard i/N</c>); <c>null</c>: <c>PERF_SHARD</c> or the whole plan.</summary>
    public PerfSuite.Engine.Load.LoadShard? Shard { get; init; }
}
