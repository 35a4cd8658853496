using System.Globalization;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Comparison;

/// <summary>
/// Runs the same flows against a baseline and a candidate server in short rounds: ABBA (one server at a time, the order
/// alternating A B, B A, …) or duet (both at once). Round <c>i</c> uses the same seed on both sides.
/// </summary>
/// <param name="Scenarios">The flows.</param>
/// <param name="Profile">The profile of one side's round (warm-up and measured phase).</param>
/// <param name="ThinkTimeScale">Think-time multiplier of the chosen profile.</param>
/// <param name="GracefulStop">How long in-flight users may finish after a round.</param>
/// <param name="Seed">Seed of round 0; round <c>i</c> uses <c>Seed + i</c>.</param>
public sealed record CompareRounds(IReadOnlyList<Scenario> Scenarios, LoadProfile Profile, double ThinkTimeScale, TimeSpan GracefulStop, int Seed)
{
    /// <summary>One side of the comparison: its started server and token provider.</summary>
    /// <param name="Name">"baseline" or "candidate".</param>
    /// <param name="Target">The started server.</param>
    /// <param name="Tokens">How its users authenticate.</param>
    public sealed record Side(string Name, ITarget Target, ITokenProvider Tokens)
    {
        /// <summary>A side whose users authenticate as every front end chooses (<see cref="TokenProviders.Create"/>: <c>PERF_TOKEN</c>, the OIDC grant, the target's own login, or none).</summary>
        /// <param name="name">"baseline" or "candidate".</param>
        /// <param name="target">The started server.</param>
        /// <param name="settings">The settings; <c>new PerfSettings()</c> for none (the target's own login, or no credentials).</param>
        /// <returns>The side; dispose its <see cref="Tokens"/> when they are <see cref="IDisposable"/>.</returns>
        public static Side Authenticated(string name, ITarget target, PerfSettings settings) => new(name, target, TokenProviders.Create(settings, target));
    }

    /// <summary>Runs <paramref name="rounds"/> paired rounds; returns the baseline's and the candidate's summaries, paired by index.</summary>
    /// <param name="baseline">The baseline side.</param>
    /// <param name="candidate">The candidate side.</param>
    /// <param name="rounds">Paired rounds, &gt;= 1.</param>
    /// <param name="mode">Duet or ABBA.</param>
    /// <param name="log">Receives one line per round.</param>
    /// <param name="cancellationToken">Cancels the rounds.</param>
    /// <returns>The summaries, paired by round.</returns>
    public async Task<(List<RunSummary> Baseline, List<RunSummary> Candidate)> RunAsync(
        Side baseline, Side candidate, int rounds, CompareMode mode, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(log);
        var a = new List<RunSummary>();
        var b = new List<RunSummary>();

        // Both fresh servers once, discarded: the first requests of a process pay for imports, caches and connections.
        var warmUp = await Task.WhenAll(RunAsync(baseline, -1, cancellationToken), RunAsync(candidate, -1, cancellationToken)).ConfigureAwait(false);
        // A side that answered none of the warm-up's requests has nothing to compare: named at once, not after every round.
        foreach (var (side, summary) in new[] { (baseline, warmUp[0]), (candidate, warmUp[1]) })
        {
            if (Reporting.Thresholds.RunThresholds.NothingAnswered(summary))
            {
                var reason = Reporting.Thresholds.RunThresholds.NothingAnsweredReason(summary, side.Target.BaseUri.ToString());
                throw new TargetDidNotAnswerException($"the {side.Name} {reason["the target ".Length..]} in the warm-up round");
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            if (mode == CompareMode.Duet)
            {
                // Started in ABBA order too: whichever starts first gets a head start of a few microseconds.
                var (first, second) = round % 2 == 0 ? (baseline, candidate) : (candidate, baseline);
                var both = await Task.WhenAll(RunAsync(first, round, cancellationToken), RunAsync(second, round, cancellationToken)).ConfigureAwait(false);
                a.Add(both[round % 2 == 0 ? 0 : 1]);
                b.Add(both[round % 2 == 0 ? 1 : 0]);
            }
            else if (round % 2 == 0)
            {
                a.Add(await RunAsync(baseline, round, cancellationToken).ConfigureAwait(false));
                b.Add(await RunAsync(candidate, round, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                b.Add(await RunAsync(candidate, round, cancellationToken).ConfigureAwait(false));
                a.Add(await RunAsync(baseline, round, cancellationToken).ConfigureAwait(false));
            }

            log(string.Create(CultureInfo.InvariantCulture,
                $"compare: round {round + 1}/{rounds}{(mode == CompareMode.Abba ? round % 2 == 0 ? " (A B)" : " (B A)" : " (duet)")}: " +
                $"p95 baseline {a[^1].Latency.P95Ms:0.00} ms, candidate {b[^1].Latency.P95Ms:0.00} ms; requests {a[^1].Requests} / {b[^1].Requests}; " +
                $"failed {a[^1].FailedRequests} / {b[^1].FailedRequests}"));
        }

        return (a, b);
    }

    /// <summary>Runs one round (or, with the whole profile, one run) against one side.</summary>
    /// <param name="side">The side.</param>
    /// <param name="round">The round (its seed is <see cref="Seed"/> + round); -1 for the discarded warm-up round.</param>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>The round's summary.</returns>
    public Task<RunSummary> RunAsync(Side side, int round, CancellationToken cancellationToken) =>
        LoadRunner.RunAsync(
            new LoadRunOptions((side ?? throw new ArgumentNullException(nameof(side))).Target.BaseUri, Scenarios, Profile)
            {
                Name = $"{side.Name} round {round + 1}",
                TokenProvider = side.Tokens,
                ThinkTimeScale = ThinkTimeScale,
                GracefulStop = GracefulStop,
                Seed = Seed + round,
                ProgressInterval = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(Profile.Duration.TotalSeconds))),
            },
            cancellationToken);

    /// <summary>The profile of one round: 1 s warm-up, then <paramref name="length"/> at the sustained rate of <paramref name="profile"/> (or <paramref name="rate"/>).</summary>
    /// <param name="profile">The suite's profile.</param>
    /// <param name="length">The measured length of one side's round.</param>
    /// <param name="rate">Arrivals per second; <c>null</c> for the profile's sustained rate.</param>
    /// <returns>The round profile, or <c>null</c> when the profile does not end in an arrival-rate phase.</returns>
    public static LoadProfile? RoundProfile(LoadTestProfile profile, TimeSpan length, double? rate)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Load.Phases.Count == 0 || profile.Load.Phases[^1] is not ArrivalPhase last)
        {
            return null;
        }

        var sustained = rate ?? last.RampTo ?? last.ArrivalRate;
        return new LoadProfile("round",
        [
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(1), sustained) { WarmUp = true, MaxVusers = last.MaxVusers },
            new ArrivalPhase("round", length, sustained) { MaxVusers = last.MaxVusers },
        ]);
    }
}
