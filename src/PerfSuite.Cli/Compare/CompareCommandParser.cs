using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Settings;

namespace PerfSuite.Cli.Compare;

/// <summary>Parses the arguments of <c>perfsuite compare</c>. Pure: no I/O.</summary>
public static class CompareCommandParser
{
    /// <summary>The usage printed with every error and by <c>--help</c>.</summary>
    public const string Usage =
        """
        usage: perfsuite compare --scenarios ASSEMBLY (--baseline URL | --baseline-image IMAGE) (--candidate URL | --candidate-image IMAGE)
                                 [--scenario ID]... [--rate R] [--rounds N] [--round-seconds S] [--mode duet|abba]
                                 [--budgets FILE] [--profile NAME] [--out DIR] [--seed N] [--allow-remote]

          --scenarios ASSEMBLY     your test or scenario assembly (.dll): its ILoadScenario classes are the flows compared
          --baseline URL           baseline: a running server (loopback unless --allow-remote or PERF_ALLOW_REMOTE=1)
          --baseline-image IMAGE   baseline: a local image, started like PERF_TARGET_IMAGE (PERF_TARGET_PORT, PERF_TARGET_READY,
                                   PERF_TARGET_ENV_*, PERF_DOCKER_NETWORK apply to both images); never pulled
          --candidate URL          candidate: a running server
          --candidate-image IMAGE  candidate: a local image
          --scenario ID            a scenario id or name to compare (repeatable; default every scenario of the assembly)
          --rate R                 arrivals per second in every round (default 10)
          --rounds N               paired rounds, >= 3 (default 6)
          --round-seconds S        measured seconds per server and round, after a 1 s warm-up (default 6)
          --mode duet|abba         duet: both servers loaded at once in every round (default); abba: one at a time, A B, B A, ...
          --budgets FILE           budgets.json whose compare_tolerance entries (at --profile, default smoke) set the tolerance
          --out DIR                reports folder, one subfolder per scenario (default artifacts/compare/<run-id>)

        credentials: PERF_TOKEN, or PERF_TOKEN_URL, PERF_CLIENT_ID, PERF_USERNAME and PERF_PASSWORD; none when unset
        exit codes: 0 no regression, 1 regression, 2 bad input (named) or a server that could not start, 130 interrupted
        """;

    private static readonly string[] Flags =
        ["--scenarios", "--baseline", "--baseline-image", "--candidate", "--candidate-image", "--scenario", "--rate", "--rounds", "--round-seconds", "--mode", "--budgets", "--profile", "--out", "--seed"];

    /// <summary>Parses and validates the arguments after <c>compare</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="allowRemoteVariable">The value of <c>PERF_ALLOW_REMOTE</c>, or <c>null</c>.</param>
    /// <returns>The arguments, or an error naming the argument and its value.</returns>
    public static (CompareArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args, string? allowRemoteVariable)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var scenarios = new List<string>();
        var allowRemote = TargetSelection.IsAllowRemote(allowRemoteVariable);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--allow-remote")
            {
                allowRemote = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (flag, inline) = arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
            if (!Flags.Contains(flag, StringComparer.Ordinal))
            {
                return (null, $"unknown argument '{arg}'");
            }

            var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                return (null, $"{flag} needs a value");
            }

            if (flag == "--scenario")
            {
                scenarios.Add(value);
            }
            else if (!values.TryAdd(flag, value))
            {
                return (null, $"{flag} given more than once ('{values[flag]}' and '{value}')");
            }
        }

        if (!values.TryGetValue("--scenarios", out var assembly))
        {
            return (null, "--scenarios ASSEMBLY is required: the test or scenario assembly whose scenarios are compared");
        }

        string? error = null;
        var (baseline, baselineImage) = Side(values, "--baseline", allowRemote, ref error);
        var (candidate, candidateImage) = Side(values, "--candidate", allowRemote, ref error);
        var rounds = ArgumentValues.Int(values, "--rounds", ComparisonOptions.DefaultRounds, 3, ref error);
        var seconds = ArgumentValues.Positive(values, "--round-seconds", ComparisonOptions.DefaultRoundSeconds, ref error);
        var rate = ArgumentValues.Positive(values, "--rate", CompareArguments.DefaultRate, ref error);
        var seed = ArgumentValues.Int(values, "--seed", 1, 0, ref error);
        var mode = values.GetValueOrDefault("--mode", "duet") switch
        {
            "abba" => CompareMode.Abba,
            "duet" => CompareMode.Duet,
            var other => Fail(ref error, $"--mode must be abba or duet (was '{other}')"),
        };
        return error is not null ? (null, error) : (new CompareArguments(assembly)
        {
            Baseline = baseline,
            BaselineImage = baselineImage,
            Candidate = candidate,
            CandidateImage = candidateImage,
            Scenarios = scenarios,
            Rate = rate,
            Rounds = rounds,
            RoundLength = TimeSpan.FromSeconds(seconds),
            Mode = mode,
            Budgets = values.GetValueOrDefault("--budgets"),
            Profile = values.GetValueOrDefault("--profile", "smoke"),
            Output = values.GetValueOrDefault("--out"),
            Seed = seed,
            AllowRemote = allowRemote,
        }, null);
    }

    private static (Uri? Url, string? Image) Side(Dictionary<string, string> values, string flag, bool allowRemote, ref string? error)
    {
        var url = values.GetValueOrDefault(flag);
        var image = values.GetValueOrDefault(flag + "-image");
        if (url is null == image is null)
        {
            error ??= url is null
                ? $"a {flag[2..]} is required: {flag} URL or {flag}-image IMAGE"
                : $"{flag} ('{url}') and {flag}-image ('{image}') exclude each other: give one {flag[2..]}";
            return (null, null);
        }

        if (url is null)
        {
            return (null, image);
        }

        try
        {
            var parsed = TargetSelection.ParseUrl(flag, url);
            TargetSelection.EnsureAllowed(flag, parsed, allowRemote);
            return (parsed, null);
        }
        catch (ArgumentException e)
        {
            error ??= e.Message.Split(" (Parameter", 2)[0].Replace(TargetSelection.AllowRemoteVariable + "=1", "--allow-remote (or PERF_ALLOW_REMOTE=1)", StringComparison.Ordinal);
            return (null, null);
        }
    }

    private static CompareMode Fail(ref string? error, string message)
    {
        error ??= message;
        return CompareMode.Duet;
    }
}
