using PerfSuite.Engine.Load;

namespace PerfSuite.Tests.Load;

public sealed class ShardPlanTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    public static TheoryData<string> PhaseKinds() =>
        ["constant rate", "fractional rate", "ramp up", "ramp down", "pause", "constant users", "ramping users", "users down", "mixed"];

    private static LoadProfile Profile(string kind) => new(kind, kind switch
    {
        "constant rate" => [new ArrivalPhase("p", Ten, 7) { MaxVusers = 5 }],
        "fractional rate" => [new ArrivalPhase("p", TimeSpan.FromSeconds(3), 1.7)],
        "ramp up" => [new ArrivalPhase("p", Ten, 1) { RampTo = 23 }],
        "ramp down" => [new ArrivalPhase("p", Ten, 19) { RampTo = 2 }],
        "pause" => [new PausePhase("p", Ten)],
        "constant users" => [new ConstantUsersPhase("p", Ten, 11)],
        "ramping users" => [new RampingUsersPhase("p", Ten, 2, 13)],
        "users down" => [new RampingUsersPhase("p", Ten, 9, 1)],
        _ =>
        [
            new ArrivalPhase("warm", TimeSpan.FromSeconds(2), 3) { WarmUp = true },
            new ConstantUsersPhase("users", TimeSpan.FromSeconds(4), 5),
            new PausePhase("rest", TimeSpan.FromSeconds(1)),
            new ArrivalPhase("ramp", TimeSpan.FromSeconds(5), 2) { RampTo = 9, MaxVusers = 3 },
            new RampingUsersPhase("more", TimeSpan.FromSeconds(3), 1, 4),
        ],
    });

    [Theory]
    [MemberData(nameof(PhaseKinds))]
    public void The_union_of_the_shards_schedules_is_the_unsharded_schedule_start_for_start(string kind)
    {
        var profile = Profile(kind);
        var whole = profile.Plan();
        for (var count = 1; count <= 7; count++)
        {
            var shards = Enumerable.Range(1, count).Select(i => profile.Plan(new LoadShard(i, count))).ToList();

            shards.Sum(s => s.Starts.Count).Should().Be(whole.Starts.Count, $"{kind}, N = {count}");
            shards.SelectMany(s => s.Starts).OrderBy(s => s.Offset).ThenBy(s => s.PhaseIndex).ThenBy(s => s.LoopUntil)
                .Should().Equal(whole.Starts.OrderBy(s => s.Offset).ThenBy(s => s.PhaseIndex).ThenBy(s => s.LoopUntil), $"{kind}, N = {count}");

            // Interleaved back, shard by shard, they give the whole plan in its own order: start k is shard k mod N's.
            var interleaved = Enumerable.Range(0, whole.Starts.Count).Select(k => shards[k % count].Starts[k / count]);
            interleaved.Should().Equal(whole.Starts, $"{kind}, N = {count}");

            for (var phase = 0; phase < profile.Phases.Count; phase++)
            {
                shards.Sum(s => s.ArrivalsIn(phase)).Should().Be(whole.ArrivalsIn(phase), $"{kind}, N = {count}, phase {phase}");
                if (whole.MaxVusersOf(phase) is { } cap)
                {
                    shards.Sum(s => s.MaxVusersOf(phase)!.Value).Should().Be(cap, $"{kind}, N = {count}: the shares of maxVusers sum to the cap");
                    shards.Should().OnlyContain(s => s.MaxVusersOf(phase) <= (cap + count - 1) / count);
                }
            }

            shards.Should().OnlyContain(s => s.Duration == whole.Duration && s.Phases.SequenceEqual(whole.Phases));
        }
    }

    [Fact]
    public void A_shard_states_its_share_of_each_phase()
    {
        new LoadShard(2, 4).Describe().Should().Be("shard 2 of 4: 25 % of each phase");
        new LoadShard(1, 3).Describe().Should().Be("shard 1 of 3: 33.3 % of each phase");
        LoadShard.Whole.Describe().Should().Be("shard 1 of 1: 100 % of each phase");
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData("1/1", 1, 1)]
    [InlineData(" 7/7", 7, 7)]
    public void Parse_reads_i_of_n(string text, int index, int count) =>
        LoadShard.Parse(text, "PERF_SHARD").Should().Be(new LoadShard(index, count));

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("2")]
    [InlineData("2/0")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    public void Parse_names_the_source_and_the_value_of_a_bad_shard(string text)
    {
        var parse = () => LoadShard.Parse(text, "PERF_SHARD");

        parse.Should().Throw<FormatException>().WithMessage($"PERF_SHARD must be i/N with 1 <= i <= N, e.g. 2/4 (was '{text}')");
    }

    [Fact]
    public void Run_options_reject_a_shard_out_of_range()
    {
        var options = new LoadRunOptions(new Uri("http://127.0.0.1:1/"), [], new LoadProfile("p", [new PausePhase("p", Ten)]))
        {
            Shard = new LoadShard(3, 2),
        };

        options.Validate().Should().Contain("shard: index must be between 1 and 2 (was 3)");
    }
}
