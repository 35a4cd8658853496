using System.Diagnostics;
using System.Globalization;
using PerfSuite.Cli;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Comparison;

namespace PerfSuite.Lab.Compare;

/// <summary>
/// Runs a checked <see cref="ComparePlan"/>: a worktree of the base ref, both servers started at the same time, the rounds,
/// the verdict and the reports. Every server is stopped and the worktree removed whatever happens.
/// </summary>
internal sealed class CompareRun(ComparePlan plan, CompareServers servers, TextWriter output, TextWriter log)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
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
                    return ExitCodes.BadInput;
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
            var options = new ComparisonOptions(plan.Scenario.Name, plan.Scenario.Create(), plan.Profile)
            {
                Rounds = arguments.Rounds,
                RoundLength = arguments.RoundLength,
                Rate = arguments.Rate,
                Mode = arguments.Mode,
                Seed = arguments.Seed,
                Tolerance = plan.Tolerance,
                BaselineLabel = plan.BaselineLabel,
                CandidateLabel = plan.CandidateLabel,
            };
            var (result, paths) = await ComparisonRunner.RunAsync(
                options, baseline is null ? null : Side("baseline", baseline, tokens), Side("candidate", candidate, tokens), plan.Stored, plan.Output,
                line => log.WriteLine(line), cancellationToken).ConfigureAwait(false);
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

            return result.HasRegression ? ExitCodes.Missed : ExitCodes.Passed;
        }
        catch (Exception e) when (TargetUnavailable.Describe(e) is { } reason && !cancellationToken.IsCancellationRequested)
        {
            // A server that does not start (missing module, a crash in the baseline's code, no engine for an image) or does not answer in time.
            await log.WriteLineAsync($"compare: the target did not answer: {reason}").ConfigureAwait(false);
            return ExitCodes.TargetUnavailable;
        }
        catch (InvalidOperationException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A worktree git refused.
            await log.WriteLineAsync($"compare: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
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

    private static CompareRounds.Side Side(string name, ITarget target, List<ITokenProvider> tokens)
    {
        // The lab's servers log in with their own credentials; the same selection as perfsuite compare, with no PERF_* settings.
        var side = CompareRounds.Side.Authenticated(name, target, new PerfSettings());
        tokens.Add(side.Tokens);
        return side;
    }
}
