namespace PerfSuite.Cli.Live;

/// <summary>
/// Whether a command shows the live status region instead of the periodic plain progress lines: only when its error writer
/// is the process's standard error and that is a terminal, <c>NO_COLOR</c> is unset or empty, <c>TERM</c> is not
/// <c>dumb</c>, and <c>--no-live</c> was not given. CI logs and redirected output keep the plain lines.
/// </summary>
internal static class LiveTerminal
{
    /// <summary>The variable that turns the live view off (https://no-color.org: any non-empty value).</summary>
    public const string NoColorVariable = "NO_COLOR";

    /// <summary>The decision, on its inputs alone.</summary>
    /// <param name="noLive"><c>--no-live</c> was given.</param>
    /// <param name="errorIsTerminal">The error writer is the process's standard error, and that is not redirected.</param>
    /// <param name="environment">Reads a variable.</param>
    public static bool IsOn(bool noLive, bool errorIsTerminal, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !noLive
            && errorIsTerminal
            && string.IsNullOrEmpty(environment(NoColorVariable))
            && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="error"/> is this process's standard error and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>The terminal's width in columns, 80 when it cannot be read.</summary>
    public static int Width()
    {
        try
        {
            return Console.WindowWidth is > 0 and var columns ? columns : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>A region on <paramref name="error"/> when the live view is on, else null (the plain lines stay).</summary>
    public static LiveRegion? For(TextWriter error, bool noLive, Func<string, string?> environment, string title) =>
        IsOn(noLive, IsTerminal(error), environment) ? new LiveRegion(error, title, TimeProvider.System, Width) : null;
}
