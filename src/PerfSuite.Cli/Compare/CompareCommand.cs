using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Comparison;
using PerfSuite.Reporting.Thresholds;

namespace PerfSuite.Cli.Compare;

/// <summary>
/// <c>perfsuite compare</c>: did my change make my service slower? Checks every input before any load (each bad one is
/// named, exit 2), starts both servers (URLs are only checked; images are started and removed), compares each of the
/// team's scenarios in paired rounds, and exits 0 (no regression) or 1 (regression).
/// </summary>
public static class CompareCommand
{
    /// <summary>Exit code when no metric regressed.</summary>
    public const int NoRegression = 0;

    /// <summary>Exit code when at least one metric regressed.</summary>
    public const int Regression = 1;

    /// <summary>Exit code for a bad input (named in the message) or a server that could not start; nothing was compared.</summary>
    public const int BadInput = 2;

    /// <summary>Runs the command.</summary>
    /// <param name="args">Arguments after <c>compare</c>; see <see cref="CompareCommandParser.Usage"/>.</param>
    /// <param name="read">Reads an environment variable (credentials, container settings, <c>PERF_ALLOW_REMOTE</c>).</param>
    /// <param name="output">Receives the verdicts, the report paths and, on GitHub Actions, the <c>::error</c> lines.</param>
    /// <param name="error">Receives progress and errors.</param>
    /// <param name="cancellationToken">Cancels the comparison; servers are removed all the same.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> read, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (arguments, problem) = CompareCommandParser.Parse(args, read(TargetSelection.AllowRemoteVariable));
        if (arguments is null)
        {
            await error.WriteLineAsync($"compare: {problem}{Environment.NewLine}{CompareCommandParser.Usage}").ConfigureAwait(false);
            return BadInput;
        }

        List<ILoadScenario> scenarios;
        PerfSettings settings;
        BudgetFile? budgets;
        try
        {
            var catalog = ScenarioAssembly.Load(arguments.Assembly);
            scenarios = arguments.Scenarios.Count == 0 ? [.. catalog.Scenarios] : [.. arguments.Scenarios.Select(catalog.Get)];

            // Only what a comparison uses: credentials and the container settings of an image side.
            settings = PerfSettings.Parse(name => name is "PERF_PROFILES" or "PERF_TARGET" or "PERF_TARGET_IMAGE" or "PERF_COMPARE_BASELINE" ? null : read(name), ["smoke"]);
            budgets = arguments.Budgets is { } file ? BudgetFile.Load(file) : null;
        }
        catch (Exception e) when (e is ArgumentException or PerfSettingsException or BudgetFileException)
        {
            await error.WriteLineAsync($"compare: {e.Message.Split(" (Parameter", 2)[0]}").ConfigureAwait(false);
            return BadInput;
        }

        var outputDirectory = Path.GetFullPath(arguments.Output ?? Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "compare", ArtifactPaths.NewRunId(DateTimeOffset.UtcNow)));
        ITarget? baseline = null;
        ITarget? candidate = null;
        var tokens = new List<ITokenProvider>();
        try
        {
            baseline = Create(arguments.Baseline, arguments.BaselineImage, settings, read);
            candidate = Create(arguments.Candidate, arguments.CandidateImage, settings, read);
            await Task.WhenAll(baseline.StartAsync(cancellationToken), candidate.StartAsync(cancellationToken)).ConfigureAwait(false);
            CompareRounds.Side Side(string name, ITarget target)
            {
                var provider = TokenProviders.Create(settings, target);
                tokens.Add(provider);
                return new CompareRounds.Side(name, target, provider);
            }

            var (a, b) = (Side("baseline", baseline), Side("candidate", candidate));
            await error.WriteLineAsync($"compare: baseline {UrlRedaction.Redact(baseline.BaseUri)}, candidate {UrlRedaction.Redact(candidate.BaseUri)}; {scenarios.Count} scenario(s)").ConfigureAwait(false);
            var regressed = false;
            foreach (var scenario in scenarios)
            {
                var profile = new LoadTestProfile("compare", new LoadProfile("compare", [new ArrivalPhase("steady", arguments.RoundLength, arguments.Rate)]));
                var options = new ComparisonOptions(scenario.Name, scenario.Create(), profile)
                {
                    Rounds = arguments.Rounds,
                    RoundLength = arguments.RoundLength,
                    Rate = arguments.Rate,
                    Mode = arguments.Mode,
                    Seed = arguments.Seed,
                    Tolerance = budgets is not null && budgets.TryFor(scenario.Name, arguments.Profile, out var budget) && budget.CompareTolerance is { } fraction
                        ? ComparisonTolerance.ForLatency(fraction)
                        : ComparisonTolerance.Default,
                    BaselineLabel = arguments.BaselineImage is { } bi ? $"image {bi}" : UrlRedaction.Redact(baseline.BaseUri),
                    CandidateLabel = arguments.CandidateImage is { } ci ? $"image {ci}" : UrlRedaction.Redact(candidate.BaseUri),
                };
                var (result, paths) = await ComparisonRunner.RunAsync(options, a, b, null, Path.Combine(outputDirectory, ArtifactPaths.Slug(scenario.Id)),
                    line => error.WriteLine(line), cancellationToken).ConfigureAwait(false);
                regressed |= result.HasRegression;
                await output.WriteLineAsync($"compare: {scenario.Id}: {result.Headline}").ConfigureAwait(false);
                foreach (var line in ComparisonReports.RegressionLines(result))
                {
                    await output.WriteLineAsync($"compare: {scenario.Id}: regression: {line}").ConfigureAwait(false);
                }

                foreach (var path in paths)
                {
                    await output.WriteLineAsync($"compare: report {path}").ConfigureAwait(false);
                }

                if (read("GITHUB_ACTIONS") == "true")
                {
                    foreach (var line in ComparisonReports.GitHubErrors(result))
                    {
                        await output.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }
            }

            return regressed ? Regression : NoRegression;
        }
        catch (Exception e) when (e is TargetStartException or ArgumentException && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"compare: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
        finally
        {
            tokens.OfType<IDisposable>().ToList().ForEach(t => t.Dispose());
            await Task.WhenAll(new[] { baseline, candidate }.OfType<ITarget>().Select(t => t.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
    }

    private static ITarget Create(Uri? url, string? image, PerfSettings settings, Func<string, string?> read)
    {
        if (url is not null)
        {
            return new ExternalTarget(url);
        }

        var names = Environment.GetEnvironmentVariables().Keys.Cast<string>();
        var builder = ContainerSelection.Parse(name => name == ContainerSelection.ImageVariable ? image : read(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null, names)!;
        return builder.Build();
    }
}
