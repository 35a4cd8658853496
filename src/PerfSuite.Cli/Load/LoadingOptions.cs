using System.CommandLine;
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

    /// <summary><c>--no-live</c>: plain progress lines even at a terminal.</summary>
    public static readonly Option<bool> NoLive = CliOptions.Switch(
        "--no-live", "print plain progress lines even at a terminal (the live status region is drawn only when stderr is a terminal)");

    /// <summary>Every shared option, in the order the help lists them.</summary>
    public static IReadOnlyList<Option> All { get; } = [AllowRemote, NoLive];

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
