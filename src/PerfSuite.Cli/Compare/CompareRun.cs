using System.Diagnostics;
using System.Globalization;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Targets;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Cli.Compare;

/// <summary>
/// Runs a checked <see cref="ComparePlan"/>: a worktree of the base ref, both servers started at the same time, the rounds,
/// the verdict and the reports. Every server is stopped and the worktree removed whatever happens.
/// </summary>
internal sealed class CompareRun(ComparePlan plan, CompareServers servers, TextWriter output, TextWriter log)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var arguments = plan.Arguments;
        GitWorktree? worktree = null;
        ITarget? baseline = null;
        ITarget? candidate = null;
        var tokens = new List<ITokenProvider>();
        try
        {
            if (plan.BaseCommit is { } commit)
            {
                worktree = await GitWorktree.AddAsync(plan.Repository!, commit, cancellationToken).ConfigureAwait(false);
                await log.WriteLineAsync($"compare: baseline {plan.BaselineLabel} in worktree {worktree.Path}").ConfigureAwait(false);
                var sources = Path.Combine(worktree.Path, "targets", "queue-api");
                if (!File.Exists(Path.Combine(sources, "wsgi.py")))
                {
                    await log.WriteLineAsync($"compare: --base-ref '{arguments.BaseRef}': {commit[..12]} has no targets/queue-api/wsgi.py").ConfigureAwait(false);
                    return CompareCommand.BadInput;
                }

                baseline = servers.FromSources(sources);
            }
            else if (arguments.BaselineImage is { } baselineImage)
            {
                baseline = servers.FromImage!(baselineImage);
            }

            candidate = arguments.CandidateImage is { } image ? servers.FromImage!(image) : servers.FromSources(plan.CandidateSources);
            await Task.WhenAll(new[] { baseline, candidate }.OfType<ITarget>().Select(t => t.StartAsync(cancellationToken))).ConfigureAwait(false);
            await log.WriteLineAsync($"compare: candidate {plan.CandidateLabel} at {candidate.BaseUri}{(baseline is null ? string.Empty : $", baseline at {baseline.BaseUri}")}").ConfigureAwait(false);
            var (baselineRounds, candidateRounds, method) = await MeasureAsync(baseline, candidate, tokens, cancellationToken).ConfigureAwait(false);
            var notes = Notes(baselineRounds, candidateRounds);
            var describe = new ComparisonResult(plan.Scenario.Name, plan.Profile.Name, plan.BaselineLabel, plan.CandidateLabel, method,
                candidateRounds.Count, plan.Tolerance, clock.Elapsed, [], notes);
            var baselineFigures = plan.Stored is { } stored ? [stored.Figures] : baselineRounds.Select(RunFigures.FromSummary).ToList();
            var result = ComparisonResult.Create(baselineFigures, [.. candidateRounds.Select(RunFigures.FromSummary)], describe, arguments.Seed);
            var paths = await ComparisonReports.WriteAsync(result, plan.Output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"compare: {result.Headline} ({result.Elapsed.TotalSeconds:0} s)").ConfigureAwait(false);
            foreach (var path in paths)
            {
                await output.WriteLineAsync($"compare: report {path}").ConfigureAwait(false);
            }

            if (Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true")
            {
                foreach (var line in ComparisonReports.GitHubErrors(result))
                {
                    await output.WriteLineAsync(line).ConfigureAwait(false);
                }
            }

            return result.HasRegression ? CompareCommand.Regression : CompareCommand.NoRegression;
        }
        catch (Exception e) when (e is TargetStartException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // A server that does not start (missing module, a crash in the baseline's code) or a worktree git refused.
            await log.WriteLineAsync($"compare: {e.Message}").ConfigureAwait(false);
            return CompareCommand.BadInput;
        }
        finally
        {
            tokens.OfType<IDisposable>().ToList().ForEach(t => t.Dispose());
            await Task.WhenAll(new[] { baseline, candidate }.OfType<ITarget>().Select(t => t.DisposeAsync().AsTask())).ConfigureAwait(false);
            if (worktree is not null)
            {
                await worktree.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<(IReadOnlyList<RunSummary> Baseline, IReadOnlyList<RunSummary> Candidate, string Method)> MeasureAsync(
        ITarget? baseline, ITarget candidate, List<ITokenProvider> tokens, CancellationToken cancellationToken)
    {
        var arguments = plan.Arguments;
        var scenarios = plan.Scenario.Create();
        var candidateSide = Side("candidate", candidate, tokens);
        if (baseline is null)
        {
            var whole = new CompareRounds(scenarios, plan.Profile.Load, plan.Profile.ThinkTimeScale, plan.Profile.GracefulStop, arguments.Seed);
            await log.WriteLineAsync($"compare: one candidate run of {plan.Profile} against the stored baseline").ConfigureAwait(false);
            var run = await whole.RunAsync(candidateSide, 0, cancellationToken).ConfigureAwait(false);
            return ([], [run], $"one run of the whole profile against one stored run ({plan.Profile})");
        }

        var roundProfile = CompareRounds.RoundProfile(plan.Profile, arguments.RoundLength, arguments.Rate)!;
        var rounds = new CompareRounds(scenarios, roundProfile, plan.Profile.ThinkTimeScale, plan.Profile.GracefulStop, arguments.Seed);
        var rate = roundProfile.Phases[^1] is Engine.Load.ArrivalPhase phase ? phase.ArrivalRate : 0;
        var method = string.Create(CultureInfo.InvariantCulture,
            $"{arguments.Rounds} {(arguments.Mode == CompareMode.Duet ? "duet rounds (both servers at once)" : "ABBA rounds")} of {arguments.RoundLength.TotalSeconds:0.#} s per server " +
            $"at {rate:0.#} arrivals/s after a 1 s warm-up, think × {plan.Profile.ThinkTimeScale}");
        await log.WriteLineAsync($"compare: {method}").ConfigureAwait(false);
        var (a, b) = await rounds.RunAsync(Side("baseline", baseline, tokens), candidateSide, arguments.Rounds, arguments.Mode, log, cancellationToken).ConfigureAwait(false);
        return (a, b, method);
    }

    private static CompareRounds.Side Side(string name, ITarget target, List<ITokenProvider> tokens)
    {
        var provider = target.CreateDefaultTokenProvider() ?? NoTokenProvider.Instance;
        tokens.Add(provider);
        return new CompareRounds.Side(name, target, provider);
    }

    private List<string> Notes(IReadOnlyList<RunSummary> baseline, IReadOnlyList<RunSummary> candidate)
    {
        var notes = new List<string>();
        if (plan.Stored is not null)
        {
            notes.Add("The baseline is one stored run: its spread is unknown, so the verdicts are point estimates without a confidence interval, and noise between runs can pass for a change.");
        }

        var bound = baseline.Concat(candidate).Where(s => s.Generator.GeneratorBound).ToList();
        if (bound.Count > 0)
        {
            notes.Add($"{bound.Count} round(s) were generator-bound ({string.Join("; ", bound.SelectMany(s => s.Generator.Reasons).Distinct())}): the machine was busy; latencies may include the generator's own delay.");
        }

        var skipped = baseline.Concat(candidate).Sum(s => s.SkippedArrivals);
        if (skipped > 0)
        {
            notes.Add($"{skipped} arrivals were skipped at the concurrency cap.");
        }

        return notes;
    }
}
