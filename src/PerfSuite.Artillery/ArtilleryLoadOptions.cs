namespace PerfSuite.Artillery;

/// <summary>How an Artillery script is read: where <c>$processEnvironment</c> comes from and what to do with JavaScript hooks.</summary>
public sealed record ArtilleryLoadOptions
{
    /// <summary>Reads an environment variable for <c>{{ $processEnvironment.NAME }}</c> and <c>{{ $env.NAME }}</c>; default the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Names of processor functions that fetch a token and set <c>Authorization: Bearer</c> (and the <c>oidc-jwt</c> cookie):
    /// each is replaced by PerfSuite's token provider. Empty: a <c>beforeRequest</c> or <c>beforeScenario</c> function whose body mentions
    /// <c>Bearer</c> is taken as the token hook.
    /// </summary>
    public IReadOnlyList<string> TokenHooks { get; init; } = [];

    /// <summary>Where <c>log</c> steps write, with their variables filled in; default standard output (as Artillery's console).</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;

    /// <summary>When true, other JavaScript hooks and <c>function</c> steps are skipped with a note instead of refusing the script.</summary>
    public bool IgnoreHooks { get; init; }

    /// <summary>When true (<c>--strict</c>), a key Artillery ignores is a problem instead of a warning.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// The run's target when the command line gives one (<c>--target</c>): as with Artillery's <c>--target</c>,
    /// <c>config.target</c> is then not read, and <c>{{ target }}</c> is this URL.
    /// </summary>
    public Uri? Target { get; init; }

    /// <summary>For a dry run: an unset <c>$processEnvironment</c> variable is a warning and reads as empty text, not a problem.</summary>
    public bool AllowMissingEnvironment { get; init; }
}
