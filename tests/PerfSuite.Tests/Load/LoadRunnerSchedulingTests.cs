using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Load;

/// <summary>The scheduler in virtual time: caps, skips, lag, closed-model loops and warm-up, with exact counts.</summary>
public sealed class LoadRunnerSchedulingTests
{
    private static readonly Uri NoServer = new("http://127.0.0.1:9");

    [Fact]
    public async Task Rate_10_per_second_for_2_seconds_capped_at_3_users_of_1_05_second_flows_launches_6_and_skips_14()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("slow").Think(TimeSpan.FromSeconds(1.05)).Build();
        var profile = new LoadProfile("cap", [new ArrivalPhase("capped", TimeSpan.FromSeconds(2), 10) { MaxVusers = 3 }]);

        var summary = await time.RunAsync(LoadRunner.RunAsync(Options(flow, profile, time), CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        summary.ScenariosLaunched.Should().Be(6);
        summary.SkippedArrivals.Should().Be(14);
        summary.ScenariosCompleted.Should().Be(6);
        summary.ScenariosFailed.Should().Be(0);
        summary.Scenarios.Single().SkippedArrivals.Should().Be(14);
        summary.Phases.Single().Arrivals.Should().Be(20);
    }

    [Fact]
    public async Task Uncapped_arrivals_all_start_and_the_series_counts_them_per_second()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("slow").Think(TimeSpan.FromSeconds(1.05)).Build();
        var profile = new LoadProfile("open", [new ArrivalPhase("open", TimeSpan.FromSeconds(2), 10)]);

        var summary = await time.RunAsync(LoadRunner.RunAsync(Options(flow, profile, time), CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        summary.ScenariosLaunched.Should().Be(20);
        summary.SkippedArrivals.Should().Be(0);
        summary.Series.Select(p => p.Arrivals).Should().Equal(10, 10, 0);
        summary.Series[0].ActiveUsers.Should().Be(10);
        summary.Series[^1].ActiveUsers.Should().Be(0);
    }

    [Fact]
    public async Task Arrivals_fired_late_by_a_coarse_clock_record_their_exact_lag()
    {
        var time = new FakeTimeProvider { FireAtStepEnd = true };
        var flow = Scenario.Create("instant").Think(TimeSpan.Zero).Build();
        var profile = new LoadProfile("lag", [new ArrivalPhase("ten", TimeSpan.FromSeconds(1), 10)]);

        var summary = await time.RunAsync(LoadRunner.RunAsync(Options(flow, profile, time), CancellationToken.None), TimeSpan.FromMilliseconds(30), TimeSpan.FromSeconds(60));

        // Due every 100 ms, fired at the next 30 ms step: lags 0, 20, 10, 0, 20, 10, 0, 20, 10, 0 ms.
        var lag = summary.Generator.ArrivalLag;
        lag.Count.Should().Be(10);
        lag.MaxMs.Should().BeApproximately(20, 0.05);
        lag.P50Ms.Should().BeApproximately(10, 0.05);
        summary.Generator.Reasons.Should().NotContain(r => r.Contains("lag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arrivals_count_in_the_second_they_were_due_even_when_they_start_late()
    {
        var time = new FakeTimeProvider { FireAtStepEnd = true };
        var flow = Scenario.Create("instant").Think(TimeSpan.Zero).Build();
        var profile = new LoadProfile("late", [new ArrivalPhase("ten", TimeSpan.FromSeconds(2), 10)]);

        var summary = await time.RunAsync(LoadRunner.RunAsync(Options(flow, profile, time), CancellationToken.None), TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(60));

        summary.Series.Take(2).Select(p => p.Arrivals).Should().Equal(10, 10);
        summary.Generator.ArrivalLag.MaxMs.Should().BeApproximately(600, 1);
    }

    [Fact]
    public async Task Two_constant_users_looping_1_second_flows_for_3_seconds_run_6_iterations()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("loop").Think(TimeSpan.FromSeconds(1)).Build();
        var profile = new LoadProfile("closed", [new ConstantUsersPhase("steady", TimeSpan.FromSeconds(3), 2)]);

        var summary = await time.RunAsync(LoadRunner.RunAsync(Options(flow, profile, time), CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        summary.ScenariosLaunched.Should().Be(6);
        summary.ScenariosCompleted.Should().Be(6);
        summary.Series.Max(p => p.ActiveUsers).Should().Be(2);
    }

    [Fact]
    public async Task Ramping_from_0_to_4_users_over_4_seconds_with_1_second_flows_runs_10_iterations()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("loop").Think(TimeSpan.FromSeconds(1)).Build();
        var profile = new LoadProfile("closed", [new RampingUsersPhase("up", TimeSpan.FromSeconds(4), 0, 4)]);

        var summary = await time.RunAsync(LoadRunner.RunAsync(Options(flow, profile, time), CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        // Users start at 0, 1, 2 and 3 s and loop until 4 s: 4 + 3 + 2 + 1 iterations.
        summary.ScenariosLaunched.Should().Be(10);
        summary.Series.Select(p => p.ActiveUsers).Should().Equal(1, 2, 3, 4);
        summary.Phases.Single().Arrivals.Should().Be(0);
    }

    [Fact]
    public async Task Users_still_running_after_the_graceful_stop_are_cancelled_and_counted_failed()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("endless").Think(TimeSpan.FromMinutes(10)).Build();
        var profile = new LoadProfile("stuck", [new ArrivalPhase("two", TimeSpan.FromSeconds(1), 2)]);
        var options = Options(flow, profile, time) with { GracefulStop = TimeSpan.FromSeconds(5) };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));

        summary.ScenariosLaunched.Should().Be(2);
        summary.ScenariosFailed.Should().Be(2);
        summary.ScenariosCompleted.Should().Be(0);
        summary.Duration.Should().Be(TimeSpan.FromSeconds(1), "the measured window is the plan's");
        summary.Drain.Should().Be(TimeSpan.FromSeconds(5), "the users ran out the 5 s graceful stop after it");
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_in_flight_users_ends_the_run_at_once()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("endless").Think(TimeSpan.FromMinutes(10)).Build();
        var profile = new LoadProfile("stuck", [new ArrivalPhase("two", TimeSpan.FromSeconds(1), 2)]);
        using var cancel = new CancellationTokenSource();
        var run = LoadRunner.RunAsync(Options(flow, profile, time), cancel.Token);
        time.Advance(TimeSpan.FromSeconds(3));

        cancel.Cancel();
        var act = async () => await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Warm_up_phase_users_appear_in_the_series_but_not_in_the_statistics()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("quick").Think(TimeSpan.FromMilliseconds(100)).Build();
        var profile = new LoadProfile("warm", [
            new ArrivalPhase("warm-up", TimeSpan.FromSeconds(1), 5) { WarmUp = true },
            new ArrivalPhase("measure", TimeSpan.FromSeconds(1), 3),
        ]);

        var summary = await time.RunAsync(LoadRunner.RunAsync(Options(flow, profile, time), CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        summary.ScenariosLaunched.Should().Be(3);
        summary.Series.Sum(p => p.Arrivals).Should().Be(8);
        summary.Phases.Select(p => (p.Name, p.WarmUp, p.Arrivals)).Should().Equal(("warm-up", true, 5L), ("measure", false, 3L));
        summary.Duration.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Progress_is_reported_every_interval_with_the_launched_users()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("quick").Think(TimeSpan.FromMilliseconds(100)).Build();
        var profile = new LoadProfile("p", [new ArrivalPhase("steady", TimeSpan.FromSeconds(4), 5)]);
        var seen = new List<LoadProgress>();
        var options = Options(flow, profile, time) with { Progress = seen.Add, ProgressInterval = TimeSpan.FromSeconds(2) };

        await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        seen.Select(p => (p.Elapsed, p.Launched)).Should().Equal((TimeSpan.FromSeconds(2), 10L), (TimeSpan.FromSeconds(4), 20L));
    }

    [Fact]
    public async Task Progress_carries_the_plan_the_phase_the_skipped_arrivals_the_p95_so_far_and_the_errors_by_kind()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("failing").Think(TimeSpan.FromMilliseconds(1500)).Step("boom", (_, _) => throw new InvalidOperationException("boom")).Build();
        var profile = new LoadProfile("p", [
            new ArrivalPhase("ramp", TimeSpan.FromSeconds(2), 2),
            new ArrivalPhase("capped", TimeSpan.FromSeconds(2), 4) { MaxVusers = 1 },
        ]);
        var seen = new List<LoadProgress>();
        var options = Options(flow, profile, time) with { Progress = seen.Add, ProgressInterval = TimeSpan.FromSeconds(1) };

        var summary = await time.RunAsync(LoadRunner.RunAsync(options, CancellationToken.None), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        seen.Select(p => (p.Elapsed.TotalSeconds, p.Phase)).Should().Equal((1.0, "ramp"), (2.0, "capped"), (3.0, "capped"), (4.0, null));
        seen.Should().AllSatisfy(p => p.Planned.Should().Be(TimeSpan.FromSeconds(4)));
        var last = seen[^1];
        last.Skipped.Should().Be(summary.SkippedArrivals).And.BeGreaterThan(0);
        last.ErrorsByKind.Should().Equal(new Dictionary<string, long> { ["step-failed"] = last.Failed });
        last.Failed.Should().Be(4, "the ramp's four users (0, 0.5, 1 and 1.5 s) failed after their 1.5 s think, before the 4 s tick");
        last.Requests.Should().Be(last.Failed, "the failing step is the only request");
        seen[0].ErrorsByKind.Should().BeEmpty("no user has reached the failing step after 1 s");
    }

    [Fact]
    public async Task A_throwing_progress_callback_fails_the_run_loudly_instead_of_crashing_the_timer()
    {
        var time = new FakeTimeProvider();
        var flow = Scenario.Create("quick").Think(TimeSpan.FromMilliseconds(100)).Build();
        var profile = new LoadProfile("p", [new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 1)]);
        var options = Options(flow, profile, time) with { Progress = _ => throw new InvalidOperationException("printer broke"), ProgressInterval = TimeSpan.FromSeconds(1) };
        var run = LoadRunner.RunAsync(options, CancellationToken.None);

        var act = () => time.RunAsync(run, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

        (await act.Should().ThrowAsync<AggregateException>()).Which.InnerExceptions.Should().ContainSingle(e => e.Message == "printer broke");
    }

    [Fact]
    public async Task Invalid_options_are_rejected_with_every_problem()
    {
        var flow = Scenario.Create("any").Think(TimeSpan.Zero).Build();
        var profile = new LoadProfile("bad", [new ArrivalPhase("a", TimeSpan.FromSeconds(-1), -1)]);
        var options = new LoadRunOptions(NoServer, [flow], profile) { MaxSockets = 0 };

        var act = () => LoadRunner.RunAsync(options, CancellationToken.None);

        (await act.Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("maxSockets must be >= 1 (was 0)")
            .And.Contain("phase 'a': arrivalRate must be >= 0 (was -1)")
            .And.Contain("phase 'a': duration must be > 0");
    }

    [Fact]
    public void A_Socket_IO_scenario_whose_connector_was_removed_is_rejected_before_the_run()
    {
        var flow = Scenario.Create("ws").SocketIoConnect("/api/v1/socket.io").Build();
        var options = new LoadRunOptions(NoServer, [flow], new LoadProfile("p", [new PausePhase("p", TimeSpan.FromSeconds(1))])) { SocketIoConnector = null };

        var problems = options.Validate();

        problems.Should().Equal("options: socketIoConnector must be set because scenario 'ws' opens a Socket.IO connection (was null)");
    }

    private static LoadRunOptions Options(Scenario flow, LoadProfile profile, TimeProvider time) =>
        new(NoServer, [flow], profile) { TimeProvider = time };
}
