using System.CommandLine;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Settings;

namespace PerfSuite.Cli.Load;

/// <summary>
/// The options every command that sends load (<c>load</c>, <c>run</c>) shares, each declared once here and added to both
/// by <see cref="AddTo"/>: a new shared option is one field and one line in <see cref="All"/>, read in each command with
/// <c>parsed.GetValue(LoadingOptions.X)</c>.
/// </summary>
internal static class LoadingOptions
{
    /// <summary><c>--allow-remote</c>: load a server off this machine (also <c>PERF_ALLOW_REMOTE=1</c>).</summary>
    public static readonly Option<bool> AllowRemote = CliOptions.Switch(
        "--allow-remote", $"allow a target off this machine (also {TargetSelection.AllowRemoteVariable}=1); without it only loopback hosts are loaded");

    /// <summary>
    /// <c>--shard i/N</c>: run shard i of N of the plan (the same split as <c>PERF_SHARD</c>); <c>null</c> when absent.
    /// A bad value is a parse error: "--shard must be i/N with 1 &lt;= i &lt;= N, e.g. 2/4 (was 'x')".
    /// </summary>
    public static readonly Option<LoadShard?> Shard = new("--shard")
    {
        Description = "run shard i of N of the plan (also PERF_SHARD=i/N): every N-th arrival from the i-th, maxVusers split; merge the shards' reports with perfsuite merge",
        HelpName = "i/N",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            try
            {
                return LoadShard.Parse(text, "--shard");
            }
            catch (FormatException problem)
            {
                result.AddError(problem.Message);
                return null;
            }
        },
    };

    /// <summary>
    /// <c>--no-live</c>: at a terminal, the periodic plain progress lines instead of the live status region (which is also off
    /// with <c>NO_COLOR</c>, <c>TERM=dumb</c>, or standard error redirected).
    /// </summary>
    public static readonly Option<bool> NoLive = CliOptions.Switch(
        "--no-live", "plain progress lines instead of the live status region a terminal shows (also off with NO_COLOR, TERM=dumb or stderr redirected)");

    /// <summary>Every shared option, in the order the help lists them.</summary>
    public static IReadOnlyList<Option> All { get; } = [AllowRemote, Shard, NoLive];

    /// <summary>Adds every shared option to <paramref name="command"/>.</summary>
    public static Command AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>Whether a remote target is allowed: <c>--allow-remote</c>, or <c>PERF_ALLOW_REMOTE=1</c> through <paramref name="environment"/>.</summary>
    public static bool RemoteAllowed(ParseResult parsed, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(environment);
        return parsed.GetValue(AllowRemote) || TargetSelection.IsAllowRemote(environment(TargetSelection.AllowRemoteVariable));
    }
}
