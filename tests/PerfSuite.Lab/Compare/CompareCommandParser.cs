using PerfSuite.Cli;
using PerfSuite.Hosting.Comparison;

namespace PerfSuite.Lab.Compare;

/// <summary>Parses the arguments of <c>perfsuite-lab compare</c>. Pure: no I/O; the environment's <c>PERF_BASELINE</c> is passed in.</summary>
public static class CompareCommandParser
{
    /// <summary>The usage printed with every error and by <c>--help</c>.</summary>
    public const string Usage =
        """
        usage: perfsuite-lab compare (--base-ref REF | --baseline-image IMAGE | --baseline-report PATH) [--candidate-image IMAGE]
                                 [--scenario ID] [--profile NAME] [--rounds N] [--round-seconds S] [--rate R] [--mode duet|abba]
                                 [--repo DIR] [--out DIR] [--budgets FILE] [--seed N]

          --base-ref REF          baseline: targets/queue-api of REF, from a temporary git worktree (removed afterwards)
          --baseline-image IMAGE  baseline: a container image (needs the container target)
          --baseline-report PATH  baseline: a stored report.json or run folder (also PERF_BASELINE); the candidate runs the whole profile once
          --candidate-image IMAGE candidate: a container image; default the working tree's targets/queue-api
          --scenario ID           scenario id or name (default csr-login-load-data-idle)
          --profile NAME          smoke, seed-load or stress (default smoke); rounds hold its sustained arrival rate
          --rounds N              paired rounds, >= 3 (default 6)
          --round-seconds S       measured seconds per server and round, after a 1 s warm-up (default 6)
          --rate R                arrivals per second in every round (default: the profile's sustained rate)
          --mode duet|abba        duet: both servers loaded at once in every round (default; measured to give narrower
                                  intervals on a busy machine, docs/compare.md); abba: one at a time, order A B, B A, ...
          --out DIR               reports folder (default artifacts/compare/<run-id>)

        exit codes: 0 no regression, 1 regression, 2 bad input (named) or a server that could not start
        """;

    private static readonly string[] Flags =
        ["--base-ref", "--baseline-image", "--candidate-image", "--baseline-report", "--scenario", "--profile", "--rounds", "--round-seconds", "--rate", "--mode", "--repo", "--out", "--budgets", "--seed"];

    private static readonly string[] BaselineFlags = ["--base-ref", "--baseline-image", "--baseline-report"];

    /// <summary>Parses and validates the arguments after <c>compare</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="perfBaseline">The value of <c>PERF_BASELINE</c>, or <c>null</c>.</param>
    /// <returns>The arguments, or an error naming the argument and its value.</returns>
    public static (CompareArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args, string? perfBaseline)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
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

            if (!values.TryAdd(flag, value))
            {
                return (null, $"{flag} given more than once ('{values[flag]}' and '{value}')");
            }
        }

        if (!string.IsNullOrWhiteSpace(perfBaseline) && !values.ContainsKey("--baseline-report"))
        {
            values["--baseline-report"] = perfBaseline;
        }

        var baselines = BaselineFlags.Where(values.ContainsKey).ToList();
        if (baselines.Count != 1)
        {
            return (null, baselines.Count == 0
                ? "a baseline is required: --base-ref REF, --baseline-image IMAGE, or --baseline-report PATH (or PERF_BASELINE)"
                : $"{string.Join(" and ", baselines.Select(b => $"{b} ('{values[b]}')"))} exclude each other: give one baseline");
        }

        string? error = null;
        var rounds = ArgumentValues.Int(values, "--rounds", CompareArguments.DefaultRounds, 3, ref error);
        var seconds = ArgumentValues.Positive(values, "--round-seconds", CompareArguments.DefaultRoundSeconds, ref error);
        double? rate = values.ContainsKey("--rate") ? ArgumentValues.Positive(values, "--rate", 0, ref error) : null;
        var seed = ArgumentValues.Int(values, "--seed", 1, 0, ref error);
        var mode = values.GetValueOrDefault("--mode", "duet") switch
        {
            "abba" => CompareMode.Abba,
            "duet" => CompareMode.Duet,
            var other => Fail(ref error, $"--mode must be abba or duet (was '{other}')"),
        };
        if (error is not null)
        {
            return (null, error);
        }

        return (new CompareArguments(
            values.GetValueOrDefault("--scenario", CompareArguments.DefaultScenario),
            values.GetValueOrDefault("--profile", CompareArguments.DefaultProfile),
            rounds,
            TimeSpan.FromSeconds(seconds),
            mode)
        {
            BaseRef = values.GetValueOrDefault("--base-ref"),
            BaselineImage = values.GetValueOrDefault("--baseline-image"),
            CandidateImage = values.GetValueOrDefault("--candidate-image"),
            BaselineReport = values.GetValueOrDefault("--baseline-report"),
            Rate = rate,
            Repository = values.GetValueOrDefault("--repo"),
            Output = values.GetValueOrDefault("--out"),
            Budgets = values.GetValueOrDefault("--budgets"),
            Seed = seed,
        }, null);
    }

    private static CompareMode Fail(ref string? error, string message)
    {
        error ??= message;
        return CompareMode.Abba;
    }
}
