using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using PerfSuite.Cli.Load;

namespace PerfSuite.Cli;

/// <summary>
/// How <c>perfsuite</c> and <c>perfsuite-lab</c> run on System.CommandLine: the root command (help and version on every
/// command, response files <c>@FILE</c>, POSIX bundling, the <c>[suggest]</c> directive dotnet-suggest completes with), one
/// sentence per bad argument naming it and its value (exit <see cref="ExitCodes.BadInput"/>), and no command that ends in an
/// unhandled exception (<see cref="ExitCodes.Failed"/>, its message without a stack trace).
/// </summary>
internal static class CliTool
{
    /// <summary>Width of the help text, fixed so that it reads the same in a terminal, a pipe and the approved snapshots.</summary>
    public const int HelpWidth = 120;

    /// <summary>The body of a command: its parse result, standard output, standard error, and a token Ctrl+C cancels → its exit code.</summary>
    public delegate Task<int> Handler(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken);

    /// <summary>A root command named <paramref name="tool"/> with <paramref name="commands"/>, help and version on each.</summary>
    public static RootCommand Root(string tool, string description, IEnumerable<Command> commands)
    {
        var root = new ToolCommand(tool, description);
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        foreach (var command in root.Subcommands)
        {
            command.Options.Add(new VersionOption());
        }

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithEpilog((HelpAction)help.Action!);
        root.SetAction(parsed =>
        {
            // No command: the overview, to standard error, as a usage error.
            var error = parsed.InvocationConfiguration.Error;
            error.WriteLine($"{tool}: a command is required");
            WriteOverview(tool, root, error);
            return ExitCodes.BadInput;
        });
        return root;
    }

    /// <summary>
    /// Sets <paramref name="command"/>'s action: <paramref name="handler"/> under Ctrl+C (the first cancels its token, the second
    /// ends the process). With <paramref name="loads"/>, the load generator's runtime defaults are applied first (before any socket).
    /// <paramref name="epilog"/> is printed after the generated help.
    /// </summary>
    public static Command WithHandler(this Command command, Handler handler, string? epilog = null, bool loads = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (epilog is not null)
        {
            Epilogs.AddOrUpdate(command, epilog);
        }

        command.SetAction(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var error = parsed.InvocationConfiguration.Error;
            if (loads)
            {
                LoadGeneratorDefaults.Apply();
            }

            return await ConsoleCancellation.RunAsync(command.Name, error, token => handler(parsed, output, error, token)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var tool = Tool(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not { ClearsParseErrors: true })
        {
            var command = parsed.CommandResult.Command;
            if (command == root)
            {
                var token = parsed.UnmatchedTokens.Count > 0 ? parsed.UnmatchedTokens[0] : args.Count > 0 ? args[0] : string.Empty;
                await error.WriteLineAsync(token.StartsWith('-') ? $"{tool}: unknown argument '{token}'" : $"{tool}: unknown command '{token}'").ConfigureAwait(false);
                WriteOverview(tool, root, error);
                return ExitCodes.BadInput;
            }

            await error.WriteLineAsync($"{command.Name}: {Problem(parsed)}").ConfigureAwait(false);
            await error.WriteLineAsync(Usage(tool, command)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // Ctrl+C is the command's (ConsoleCancellation): it writes its partial result, then exits 130.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            // Not Ctrl+C (ConsoleCancellation answers that with 130): a wait that ran out, i.e. something did not answer in time.
            await error.WriteLineAsync($"{parsed.CommandResult.Command.Name}: the target did not answer: timed out ({e.Message})").ConfigureAwait(false);
            return ExitCodes.TargetUnavailable;
        }
        catch (Exception e)
        {
            // The last resort: every expected failure is a named outcome of its command; this one is named too, without a stack trace.
            await error.WriteLineAsync($"{parsed.CommandResult.Command.Name}: failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    /// <summary>The one line printed after a bad argument of the command <paramref name="parsed"/> names.</summary>
    public static string Usage(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return Usage(Tool(parsed.RootCommandResult.Command), parsed.CommandResult.Command);
    }

    /// <summary>The one line printed after a bad argument.</summary>
    public static string Usage(string tool, Command command) =>
        $"usage: {tool} {command.Name} {Synopsis(command)}('{tool} {command.Name} --help' describes every option)";

    /// <summary>The first problem of <paramref name="parsed"/>, as one sentence naming the argument and its value.</summary>
    public static string Problem(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var command = parsed.CommandResult;
        var names = command.Command.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var option in command.Children.OfType<OptionResult>().Where(o => !o.Implicit))
        {
            var arity = option.Option.Arity;

            // "--url --vus 10": the next option is not --url's value.
            if (arity.MinimumNumberOfValues > 0 && (option.Tokens.Count < option.IdentifierTokenCount || option.Tokens.Any(t => names.Contains(t.Value))))
            {
                return $"{option.Option.Name} needs a value";
            }

            if (option.IdentifierTokenCount > 1 && arity.MaximumNumberOfValues <= 1)
            {
                return option.Tokens.Count > 1
                    ? $"{option.Option.Name} given more than once ('{option.Tokens[0].Value}' and '{option.Tokens[1].Value}')"
                    : $"{option.Option.Name} given more than once";
            }
        }

        if (parsed.UnmatchedTokens.Count > 0)
        {
            return UnknownArgument(parsed.UnmatchedTokens[0], command.Command);
        }

        return parsed.Errors[0].Message;
    }

    /// <summary>The sentence for an argument the command does not know, with the options it does.</summary>
    public static string UnknownArgument(string token, Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var valid = command.Options.Where(o => o is not HelpOption and not VersionOption).Select(o => o.Name).ToList();
        return valid.Count == 0 ? $"unknown argument '{token}'" : $"unknown argument '{token}' (valid: {string.Join(", ", valid)})";
    }

    // Keyed weakly: a root is built per run of the tool (and per in-process test), possibly on several threads at once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, string> Epilogs = [];

    // The root's own name is the running executable's (testhost under a test runner); the tool's name is its own.
    private static string Tool(Command root) => root is ToolCommand tool ? tool.Tool : root.Name;

    private static string Synopsis(Command command) =>
        string.Concat(command.Arguments.Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[{a.HelpName ?? a.Name}] " : $"{a.HelpName ?? a.Name} ")) + "[options] ";

    private static void WriteOverview(string tool, RootCommand root, TextWriter writer)
    {
        writer.WriteLine($"usage: {tool} COMMAND [options]");
        writer.WriteLine();
        writer.WriteLine("commands:");
        foreach (var command in root.Subcommands)
        {
            writer.WriteLine($"  {command.Name,-18}{command.Description}");
        }

        writer.WriteLine();
        writer.WriteLine($"'{tool} COMMAND --help' describes a command.");
    }

    /// <summary>The generated help, at a fixed width, then the command's epilog (what options alone cannot say: exit codes, credentials).</summary>
    private sealed class HelpWithEpilog(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.MaxWidth = HelpWidth;
            var code = help.Invoke(parseResult);
            var command = parseResult.CommandResult.Command;
            if (command is RootCommand)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.Table);
            }
            else if (Epilogs.TryGetValue(command, out var epilog))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(epilog);
            }

            return code;
        }
    }

    private sealed class ToolCommand(string tool, string description) : RootCommand(description)
    {
        public string Tool => tool;
    }
}
