using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

public sealed class LoadProfileTests
{
    [Fact]
    public void Validate_aggregates_the_problems_of_every_phase_in_order()
    {
        var profile = new LoadProfile("broken", [
            new ArrivalPhase("first", TimeSpan.FromSeconds(5), -1),
            new PausePhase("rest", TimeSpan.FromSeconds(-1)),
            new RampingUsersPhase("users", TimeSpan.FromSeconds(5), -2, 3),
        ]);

        var problems = profile.Validate();

        problems.Should().Equal(
            "phase 'first': arrivalRate must be >= 0 (was -1)",
            "phase 'rest': duration must be > 0 (was -1 s)",
            "phase 'users': from must be >= 0 (was -2)");
    }

    [Fact]
    public void Validate_rejects_an_empty_profile_and_duplicate_phase_names()
    {
        var empty = new LoadProfile("empty", []);
        var twice = new LoadProfile("twice", [new PausePhase("p", TimeSpan.FromSeconds(1)), new PausePhase("p", TimeSpan.FromSeconds(1))]);

        var problems = empty.Validate().Concat(twice.Validate());

        problems.Should().Equal(
            "profile 'empty': phases must not be empty (was 0 phases)",
            "profile 'twice': phase names must be unique (was 'p' more than once)");
    }

    [Fact]
    public void Plan_offsets_each_phase_by_the_phases_before_it()
    {
        var profile = new LoadProfile("three", [
            new ArrivalPhase("a", TimeSpan.FromSeconds(2), 1),
            new PausePhase("pause", TimeSpan.FromSeconds(3)),
            new ArrivalPhase("b", TimeSpan.FromSeconds(1), 2),
        ]);

        var plan = profile.Plan();

        plan.Starts.Select(s => (s.Offset.TotalSeconds, s.PhaseIndex)).Should().Equal((0, 0), (1, 0), (5, 2), (5.5, 2));
        plan.Duration.Should().Be(TimeSpan.FromSeconds(6));
        plan.ArrivalsIn(2).Should().Be(2);
    }

    [Fact]
    public void Indexing_the_plan_gives_the_same_starts_as_enumerating_it_across_empty_phases()
    {
        var profile = new LoadProfile("mixed", [
            new PausePhase("lead-in", TimeSpan.FromSeconds(1)),
            new ArrivalPhase("a", TimeSpan.FromSeconds(2), 2),
            new PausePhase("pause", TimeSpan.FromSeconds(3)),
            new ArrivalPhase("none", TimeSpan.FromSeconds(1), 0),
            new ConstantUsersPhase("users", TimeSpan.FromSeconds(2), 2),
        ]);

        var plan = profile.Plan();

        Enumerable.Range(0, plan.Starts.Count).Select(i => plan.Starts[i]).Should().Equal(plan.Starts);
        plan.Starts.Select(s => s.PhaseIndex).Should().Equal(1, 1, 1, 1, 4, 4);
        plan.Starts[4].Should().Be(new PlannedPhaseStart(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(9), 4));
    }

    [Fact]
    public void An_hour_at_1000_per_second_plans_3_600_000_arrivals_computed_on_demand()
    {
        var profile = new LoadProfile("soak", [new ArrivalPhase("hour", TimeSpan.FromHours(1), 1000)]);

        var plan = profile.Plan();

        plan.Starts.Count.Should().Be(3_600_000);
        plan.Starts[^1].Offset.Should().Be(TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(1));
        plan.ArrivalsIn(0).Should().Be(3_600_000);
    }

    [Fact]
    public void Ramping_users_from_2_to_4_over_10_seconds_start_users_as_the_target_passes_them()
    {
        var phase = new RampingUsersPhase("up", TimeSpan.FromSeconds(10), 2, 4);

        var plan = phase.Plan();

        plan.Select(s => (s.Offset.TotalSeconds, s.LoopUntil!.Value.TotalSeconds)).Should().Equal((0, 10), (0, 10), (0, 10), (5, 10));
    }

    [Fact]
    public void Ramping_users_down_from_4_to_2_stop_users_as_the_target_falls()
    {
        var phase = new RampingUsersPhase("down", TimeSpan.FromSeconds(10), 4, 2);

        var plan = phase.Plan();

        plan.Select(s => s.LoopUntil!.Value.TotalSeconds).Should().Equal(10, 10, 10, 5);
    }

    [Fact]
    public void Constant_users_start_together_and_loop_until_the_phase_ends()
    {
        var phase = new ConstantUsersPhase("steady", TimeSpan.FromSeconds(30), 3);

        var plan = phase.Plan();

        plan.Should().Equal(Enumerable.Repeat(new PlannedStart(TimeSpan.Zero, TimeSpan.FromSeconds(30)), 3));
    }
}
