using PerfSuite.Engine.Load;
using PerfSuite.Scenarios.Profiles;

namespace PerfSuite.Tests.Scenarios;

public sealed class CsrProfilesTests
{
    public static TheoryData<string, int, int, int> Plans => new()
    {
        // profile, planned arrivals, of which warm-up, maxVusers
        { "smoke", 3 + 30 + 75, 3, 50 },
        { "seed-load", 3 + 900 + 3000, 3, 200 },
        { "stress", 3 + 900 + 3000, 3, 400 },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Each_profile_is_valid_and_plans_its_arrivals(string name, int arrivals, int warmUpArrivals, int maxVusers)
    {
        var profile = CsrProfiles.Get(name);

        profile.Load.Validate().Should().BeEmpty();
        profile.Load.Plan().Starts.Should().HaveCount(arrivals);
        profile.Load.Plan().ArrivalsIn(0).Should().Be(warmUpArrivals);
        profile.Load.Phases[0].WarmUp.Should().BeTrue();
        profile.Load.Phases.Cast<ArrivalPhase>().Should().OnlyContain(p => p.MaxVusers == maxVusers);
    }

    [Fact]
    public void Smoke_fits_a_CI_run_in_about_30_seconds_with_think_times_shortened()
    {
        var smoke = CsrProfiles.Get(CsrProfiles.Smoke);

        smoke.Load.Duration.Should().Be(TimeSpan.FromSeconds(28));
        smoke.ThinkTimeScale.Should().Be(0.2);
    }

    [Fact]
    public void Seed_load_takes_its_concurrency_cap_from_the_caller()
    {
        var seedLoad = CsrProfiles.Get(CsrProfiles.SeedLoad, seedLoadMaxVusers: 120);

        seedLoad.Load.Phases.Cast<ArrivalPhase>().Should().OnlyContain(p => p.MaxVusers == 120);
        seedLoad.ThinkTimeScale.Should().Be(1);
    }

    [Fact]
    public void An_unknown_profile_name_lists_the_valid_ones()
    {
        var act = () => CsrProfiles.Get("turbo");

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("'turbo'").And.Contain("smoke, seed-load, stress");
    }
}
