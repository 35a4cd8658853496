using System.Globalization;
using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Load;

/// <summary>
/// Parses <c>--url URL (--vus N | --rate R [--max-vusers M]) --duration SECONDS [--timeout-ms T] [--max-sockets S]
/// [--header "Name: value"]... [--token-env NAME]</c>.
/// Pure: no I/O. Each flag takes one value, as <c>--flag value</c> or <c>--flag=value</c>; only <c>--header</c> may repeat;
/// numbers use the invariant culture.
/// Refuses any URL that is not http(s) on a loopback host, because load may only go to this machine.
/// </summary>
public static class LoadCommandParser
{
    /// <summary>The usage line printed with every error.</summary>
    public const string Usage =
        "usage: load --url URL (--vus N | --rate R [--max-vusers M]) --duration SECONDS [--timeout-ms T] [--max-sockets S] [--header \"Name: value\"]... [--token-env NAME]";

    /// <summary>What each argument means, printed by <c>load --help</c> after <see cref="Usage"/>.</summary>
    public const string Help =
        """
          --url URL          the URL each request GETs; http(s) on a loopback host only (127.0.0.1, localhost, [::1])
          --vus N            closed model: N users, each sending the next request when its last one answered
          --rate R           open model: R new users per second, each sending one request
          --max-vusers M     open model: at most M users at once; an arrival beyond the cap is skipped and counted
          --duration S       seconds of load (> 0)
          --timeout-ms T     per-request timeout in milliseconds (default 10000)
          --max-sockets S    connections per user (default 3)
          --header "N: V"    a request header (repeatable)
          --token-env NAME   send the access token held by environment variable NAME as "Authorization: Bearer"
        Progress and the human summary go to stderr; the JSON result is the last line on stdout.
        """;

    private static readonly string[] Flags = ["--url", "--vus", "--rate", "--max-vusers", "--duration", "--timeout-ms", "--max-sockets", "--header", "--token-env"];

    /// <summary>Parses and validates the arguments that follow the <c>load</c> subcommand.</summary>
    /// <param name="args">The arguments, without the subcommand name.</param>
    /// <returns>The arguments, or the first problem found (argument name and value).</returns>
    public static LoadCommandParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            if (!Flags.Contains(flag, StringComparer.Ordinal))
            {
                return LoadCommandParseResult.Fail($"unknown argument '{args[i]}' (valid: {string.Join(", ", Flags)})");
            }

            if (values.ContainsKey(flag) && flag != "--header")
            {
                return LoadCommandParseResult.Fail($"{flag} given more than once");
            }

            var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (string.IsNullOrEmpty(value))
            {
                return LoadCommandParseResult.Fail($"{flag} needs a value");
            }

            if (flag == "--header")
            {
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || string.IsNullOrWhiteSpace(value[..colon]) || value[..colon].Any(char.IsWhiteSpace))
                {
                    return LoadCommandParseResult.Fail($"--header must be \"Name: value\" (was '{value}')");
                }

                headers.Add(new(value[..colon], value[(colon + 1)..].Trim()));
            }

            values[flag] = value;
        }

        var result = Validate(values);
        return result.Arguments is { } parsed && headers.Count > 0 ? result with { Arguments = parsed with { Headers = headers } } : result;
    }

    private static LoadCommandParseResult Validate(Dictionary<string, string> values)
    {
        if (!values.TryGetValue("--url", out var urlText))
        {
            return LoadCommandParseResult.Fail("--url is required (was missing): the http(s) URL to GET, on a loopback host (127.0.0.1, localhost or [::1])");
        }

        if (UrlProblem(urlText) is { } urlProblem)
        {
            return LoadCommandParseResult.Fail(urlProblem);
        }

        var hasVus = values.ContainsKey("--vus");
        var hasRate = values.ContainsKey("--rate");
        if (hasVus == hasRate)
        {
            return LoadCommandParseResult.Fail(hasVus
                ? $"--vus ({values["--vus"]}) and --rate ({values["--rate"]}) exclude each other: give one"
                : "one of --vus (closed model) or --rate (open model) is required");
        }

        if (hasVus && values.TryGetValue("--max-vusers", out var cap))
        {
            return LoadCommandParseResult.Fail($"--max-vusers ({cap}) applies only with --rate");
        }

        if (!values.ContainsKey("--duration"))
        {
            return LoadCommandParseResult.Fail("--duration is required");
        }

        if (values.TryGetValue("--token-env", out var tokenVariable) && !IsVariableName(tokenVariable))
        {
            return LoadCommandParseResult.Fail($"--token-env must name an environment variable (letters, digits, '_') (was '{tokenVariable}')");
        }

        string? error = null;
        var vus = hasVus ? PositiveInt(values, "--vus", ref error) : null;
        var rate = hasRate ? PositiveDouble(values, "--rate", ref error) : null;
        var maxVus = values.ContainsKey("--max-vusers") ? PositiveInt(values, "--max-vusers", ref error) : null;
        var seconds = PositiveDouble(values, "--duration", ref error);
        var timeoutMs = values.ContainsKey("--timeout-ms") ? PositiveDouble(values, "--timeout-ms", ref error) : null;
        var maxSockets = values.ContainsKey("--max-sockets") ? PositiveInt(values, "--max-sockets", ref error) : 3;
        if (error is not null)
        {
            return LoadCommandParseResult.Fail(error);
        }

        return new LoadCommandParseResult(
            new LoadCommandArguments(
                new Uri(urlText, UriKind.Absolute),
                vus,
                rate,
                maxVus,
                TimeSpan.FromSeconds(seconds!.Value),
                timeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : LoadCommandArguments.DefaultRequestTimeout,
                maxSockets!.Value)
            {
                TokenVariable = tokenVariable,
            },
            null);
    }

    private static string? UrlProblem(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"--url must be an absolute http:// or https:// URL (was '{text}')";
        }

        // Uri.IsLoopback covers localhost, 127.0.0.0/8 and [::1]; anything else could be someone else's machine.
        return url.IsLoopback ? null : $"--url must point at a loopback host (127.0.0.1, localhost or [::1]) (was '{text}')";
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static (string Flag, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static int? PositiveInt(Dictionary<string, string> values, string flag, ref string? error)
    {
        var text = values[flag];
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        error ??= $"{flag} must be a whole number >= 1 (was '{text}')";
        return null;
    }

    private static double? PositiveDouble(Dictionary<string, string> values, string flag, ref string? error)
    {
        var text = values[flag];
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        error ??= $"{flag} must be a number > 0 (was '{text}')";
        return null;
    }
}
