using PerfSuite.Artillery;

namespace PerfSuite.Cli.Run;

/// <summary>Parses <c>perfsuite run</c>'s arguments; a bad argument is named in the error.</summary>
public static class RunCommandParser
{
    /// <summary>The usage line and what each option does.</summary>
    public const string Usage =
        """
        usage: perfsuite run SCRIPT.yml [--target URL] [--env NAME=VALUE]... [--env-file FILE] [--report-dir DIR] [--budgets FILE]
                                        [--token-hook NAME]... [--ignore-hooks] [-k|--insecure] [--allow-remote] [--dry-run] [--strict]

        Runs an Artillery script as it is: config.phases as the arrival plan, scenarios and flows as PerfSuite steps, config.ensure
        as the budget. Prints the Artillery-style summary and writes summary.txt, report.md, report.html, report.json and
        violations.txt. Exit code 0: the budget is met; 1: it is missed; 2: bad arguments or a script that cannot run (every
        problem is listed with file:line:column and key, before any load); 130: interrupted with Ctrl+C (arrivals stop at once,
        in-flight users get a short grace, the reports and violations are written marked cancelled, never a pass).

          --target URL      the server (overrides config.target); loopback only unless --allow-remote or PERF_ALLOW_REMOTE=1
          --env NAME=VALUE  a value for {{ $processEnvironment.NAME }} / {{ $env.NAME }} and for PERF_* settings (repeatable)
          --env-file FILE   NAME=VALUE lines (an 'export ' prefix and quotes are allowed), e.g. the envs.sh the script was run with
          --report-dir DIR  where the reports go (default artifacts/perf/RUN-ID/SCRIPT-artillery)
          --budgets FILE    budgets.json entry "SCRIPT" / "artillery" instead of config.ensure
          --token-hook NAME the processor function that sets the bearer token (default: a beforeRequest hook mentioning Bearer);
                            replaced by PERF_TOKEN, or the OIDC password grant (PERF_TOKEN_URL, PERF_CLIENT_ID, PERF_USERNAME, PERF_PASSWORD)
          --ignore-hooks    run without the script's other JavaScript hooks and function steps instead of refusing
          -k, --insecure    accept any TLS certificate (Artillery's -k)
          --dry-run         check the script and print the plan (phases, arrivals, scenarios and weights, steps, what is
                            ignored or replaced); nothing is sent. Exit code 0: it can run; 2: it cannot
          --strict          a key Artillery ignores (printed as a warning otherwise) is an error
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The arguments after <c>run</c>.</param>
    /// <returns>The arguments, or an error naming the bad argument.</returns>
    public static (RunCommandArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? script = null;
        Uri? target = null;
        string? reportDirectory = null;
        string? budgets = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var hooks = new List<string>();
        bool ignoreHooks = false, insecure = false, allowRemote = false, dryRun = false, strict = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            var flag = equals > 0 ? arg[..equals] : arg;
            string? inline = equals > 0 ? arg[(equals + 1)..] : null;
            string? Value()
            {
                if (inline is not null)
                {
                    return inline.Length == 0 ? null : inline;
                }

                return i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[++i] : null;
            }

            switch (flag)
            {
                case "--ignore-hooks":
                    ignoreHooks = true;
                    continue;
                case "-k" or "--insecure":
                    insecure = true;
                    continue;
                case "--allow-remote":
                    allowRemote = true;
                    continue;
                case "--dry-run":
                    dryRun = true;
                    continue;
                case "--strict":
                    strict = true;
                    continue;
                case "--target" or "-t" or "--env" or "-e" or "--env-file" or "--report-dir" or "--budgets" or "--token-hook":
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        return (null, $"unknown argument '{arg}'");
                    }

                    if (script is not null)
                    {
                        return (null, $"one script at a time: '{script}' and '{arg}' were given");
                    }

                    script = arg;
                    continue;
            }

            if (Value() is not { } value)
            {
                return (null, $"{flag} needs a value");
            }

            switch (flag)
            {
                case "--target" or "-t":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out target) || target.Scheme is not ("http" or "https"))
                    {
                        return (null, $"--target must be an absolute http:// or https:// URL (was '{value}')");
                    }

                    break;
                case "--env" or "-e":
                    var separator = value.IndexOf('=', StringComparison.Ordinal);
                    if (separator <= 0)
                    {
                        return (null, $"--env must be NAME=VALUE (was '{value}')");
                    }

                    environment[value[..separator]] = value[(separator + 1)..];
                    break;
                case "--env-file":
                    if (!File.Exists(value))
                    {
                        return (null, $"--env-file '{value}' does not exist");
                    }

                    foreach (var (name, text) in ArtilleryEnvFile.Read(value).Where(e => !environment.ContainsKey(e.Key)).ToList())
                    {
                        environment[name] = text;
                    }

                    break;
                case "--report-dir":
                    reportDirectory = value;
                    break;
                case "--budgets":
                    if (!File.Exists(value))
                    {
                        return (null, $"--budgets '{value}' does not exist");
                    }

                    budgets = value;
                    break;
                default:
                    hooks.Add(value);
                    break;
            }
        }

        return script is null
            ? (null, "the script is required: perfsuite run SCRIPT.yml")
            : (new RunCommandArguments(script, target, environment, reportDirectory, budgets, hooks, ignoreHooks, insecure, allowRemote, dryRun, strict), null);
    }
}
