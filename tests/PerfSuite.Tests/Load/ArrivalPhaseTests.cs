using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

public sealed class ArrivalPhaseTests
{
    public static TheoryData<string, double, double?, double, int> Plans => new()
    {
        { "ramp 10→50/s for 30 s", 10, 50, 30, 900 },
        { "ramp 50→10/s for 30 s", 50, 10, 30, 900 },
        { "5/s for 60 s", 5, null, 60, 300 },
        { "0/s for 60 s", 0, null, 60, 0 },
        { "ramp 0→0/s for 10 s", 0, 0, 10, 0 },
        { "ramp 0→10/s for 10 s", 0, 10, 10, 50 },
        { "2.5/s for 1 s", 2.5, null, 1, 3 },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Planner_schedules_the_integral_of_the_rate_as_arrivals(string description, double rate, double? rampTo, double seconds, int expected)
    {
        var phase = new ArrivalPhase(description, TimeSpan.FromSeconds(seconds), rate) { RampTo = rampTo };

        var plan = phase.Plan();

        plan.Should().HaveCount(expected);
        plan.Should().BeInAscendingOrder(s => s.Offset);
        plan.Where(s => s.Offset < TimeSpan.Zero || s.Offset >= TimeSpan.FromSeconds(seconds) || s.LoopUntil != null).Should().BeEmpty();
    }

    [Fact]
    public void Constant_rate_of_5_per_second_spaces_arrivals_200_ms_apart_from_the_phase_start()
    {
        var phase = new ArrivalPhase("steady", TimeSpan.FromSeconds(2), 5);

        var offsets = phase.Plan().Select(s => s.Offset.TotalMilliseconds);

        offsets.Should().Equal(0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800);
    }

    [Fact]
    public void Ramp_places_arrival_k_where_the_integral_of_the_rate_reaches_k()
    {
        var phase = new ArrivalPhase("ramp", TimeSpan.FromSeconds(30), 10) { RampTo = 50 };

        var plan = phase.Plan();

        for (var k = 0; k < plan.Count; k += 97)
        {
            var t = plan[k].Offset.TotalSeconds;
            var integral = (10 * t) + (40.0 / 60 * t * t);
            integral.Should().BeApproximately(k, 1e-3);
        }
    }

    public static TheoryData<ArrivalPhase, string[]> Invalid => new()
    {
        { new ArrivalPhase("ramp", TimeSpan.FromSeconds(10), -1), ["phase 'ramp': arrivalRate must be >= 0 (was -1)"] },
        {
            new ArrivalPhase("all", TimeSpan.Zero, -2) { RampTo = -3, MaxVusers = 0 },
            [
                "phase 'all': duration must be > 0 (was 0 s)",
                "phase 'all': arrivalRate must be >= 0 (was -2)",
                "phase 'all': rampTo must be >= 0 (was -3)",
                "phase 'all': maxVusers must be >= 1 (was 0)",
            ]
        },
        { new ArrivalPhase("ok", TimeSpan.FromSeconds(1), 0) { RampTo = 5, MaxVusers = 1 }, [] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_returns_every_problem_naming_phase_field_and_value(ArrivalPhase phase, string[] expected)
    {
        var problems = phase.Validate();

        problems.Should().Equal(expected);
    }

    [Fact]
    public void Description_states_rate_ramp_duration_and_cap()
    {
        var phase = new ArrivalPhase("ramp", TimeSpan.FromSeconds(30), 10) { RampTo = 50, MaxVusers = 200 };

        var description = phase.Describe();

        description.Should().Be("ramp 10→50/s for 30 s, maxVusers 200");
    }
}
