namespace PerfSuite.Cli;

/// <summary>
/// What every <c>perfsuite</c>-style tool does with its first argument: run the subcommand it names, print the overview
/// for <c>--help</c>, and exit <see cref="CommandLine.InvalidArguments"/> naming an unknown one. Also the process entry of
/// a subcommand that loads: <c>--help</c>, the generator's runtime defaults, then the command under Ctrl+C.
/// </summary>
internal static class CommandDispatch
{
    /// <summary>A subcommand: its arguments (after its name), standard output and standard error → its exit code.</summary>
    public delegate Task<int> Command(IReadOnlyList<string> args, TextWriter output, TextWriter error);

    public static async Task<int> RunAsync(
        string tool, string overview, IReadOnlyDictionary<string, Command> commands, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var name = args.Count > 0 ? args[0] : null;
        if (name is not null && commands.TryGetValue(name, out var command))
        {
            return await command([.. args.Skip(1)], output, error).ConfigureAwait(false);
        }

        switch (name)
        {
            case "--help" or "-h" or "help":
                await output.WriteLineAsync(overview).ConfigureAwait(false);
                return 0;
            case null:
                await error.WriteLineAsync(overview).ConfigureAwait(false);
                return CommandLine.InvalidArguments;
            default:
                await error.WriteLineAsync($"{tool}: unknown command '{name}'").ConfigureAwait(false);
                await error.WriteLineAsync(overview).ConfigureAwait(false);
                return CommandLine.InvalidArguments;
        }
    }

    /// <summary>
    /// Prints <paramref name="usage"/> for <c>--help</c>; otherwise applies the generator's runtime defaults (before any
    /// socket exists) and runs <paramref name="body"/> with a token that Ctrl+C cancels.
    /// </summary>
    public static async Task<int> LoadingCommandAsync(
        string name, string? usage, IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<CancellationToken, Task<int>> body)
    {
        if (usage is not null && CommandLine.WantsHelp(args))
        {
            await output.WriteLineAsync(usage).ConfigureAwait(false);
            return 0;
        }

        Load.LoadGeneratorDefaults.Apply();
        return await ConsoleCancellation.RunAsync(name, error, body).ConfigureAwait(false);
    }
}
