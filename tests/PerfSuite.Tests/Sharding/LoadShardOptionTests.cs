using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Sharding;

/// <summary><c>perfsuite load --shard i/N</c> (issue 19): the process sends exactly its shard's share of the arrivals.</summary>
public sealed class LoadShardOptionTests
{
    [Fact]
    public async Task Load_with_shard_2_of_3_sends_exactly_the_second_shards_arrivals_of_the_plan()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(
            ["load", "--url", new Uri(server.BaseUri, "/x").ToString(), "--rate", "10", "--duration", "3", "--shard", "2/3"], output, error);

        exit.Should().Be(ExitCodes.Passed, error.ToString());
        var profile = new LoadProfile("load", [new ArrivalPhase("load", TimeSpan.FromSeconds(3), 10)]);
        var share = profile.Plan(new LoadShard(2, 3)).ArrivalsIn(0);
        var whole = profile.Plan().ArrivalsIn(0);
        whole.Should().Be(30);
        share.Should().Be(Enumerable.Range(0, 30).Count(k => k % 3 == 1), "shard 2 owns starts 1, 4, 7, …");
        server.Requests.Should().Be(share, "the server saw exactly shard 2's arrivals, one request each");
        using var json = JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        json.RootElement.GetProperty("requests").GetInt64().Should().Be(share);
        json.RootElement.GetProperty("skipped_arrivals").GetInt64().Should().Be(0);
    }

    [Fact]
    public void Load_reads_PERF_SHARD_when_no_shard_option_is_given_and_the_option_wins_over_it()
    {
        string[] args = ["load", "--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1"];
        Func<string, string?> environment = name => name == "PERF_SHARD" ? "3/4" : null;

        var (fromEnvironment, _) = PerfSuite.Cli.Load.LoadCommand.Bind(Parse(args), environment);
        var (fromOption, _) = PerfSuite.Cli.Load.LoadCommand.Bind(Parse([.. args, "--shard", "1/2"]), environment);
        var (bad, problem) = PerfSuite.Cli.Load.LoadCommand.Bind(Parse(args), name => name == "PERF_SHARD" ? "5/4" : null);

        fromEnvironment!.Shard.Should().Be(new LoadShard(3, 4));
        fromOption!.Shard.Should().Be(new LoadShard(1, 2));
        bad.Should().BeNull();
        problem.Should().Be("PERF_SHARD must be i/N with 1 <= i <= N, e.g. 2/4 (was '5/4')");
    }

    [Theory]
    [InlineData("PERF_START_AT", "tomorrow", "PERF_START_AT='tomorrow' must be a UTC instant in ISO 8601 with Z or an offset (e.g. 2026-12-07T23:00:00Z).")]
    [InlineData("PERF_START_AT", "2026-12-07T23:00:00", "PERF_START_AT='2026-12-07T23:00:00' must be a UTC instant in ISO 8601 with Z or an offset (e.g. 2026-12-07T23:00:00Z).")]
    [InlineData("PERF_RUN_ID", "a/b", "PERF_RUN_ID='a/b' may only hold letters, digits, '.', '_' and '-' (it names a folder).")]
    public void Load_refuses_a_bad_common_start_or_run_id_naming_the_variable_and_value(string variable, string value, string expected)
    {
        var (arguments, problem) = PerfSuite.Cli.Load.LoadCommand.Bind(
            Parse(["load", "--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1", "--report-dir", "r"]), name => name == variable ? value : null);

        arguments.Should().BeNull();
        problem.Should().Be(expected);
    }

    [Fact]
    public void Load_reads_the_common_start_the_run_id_and_the_report_directory()
    {
        Func<string, string?> environment = name => name switch
        {
            "PERF_START_AT" => "2026-12-07T23:00:00Z",
            "PERF_RUN_ID" => " run-7 ",
            _ => null,
        };

        var (arguments, _) = PerfSuite.Cli.Load.LoadCommand.Bind(Parse(["load", "--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1", "--report-dir", "out/r"]), environment);

        arguments!.StartAt.Should().Be(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
        arguments.RunId.Should().Be("run-7");
        arguments.ReportDirectory.Should().Be("out/r");
    }

    private static System.CommandLine.ParseResult Parse(string[] args) => CommandLine.Root.Parse(args);

    [Theory]
    [InlineData("load", "4/3")]
    [InlineData("load", "x")]
    [InlineData("run", "0/2")]
    public async Task A_bad_shard_exits_2_naming_the_option_and_the_value(string command, string value)
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = command == "load"
            ? ["load", "--url", server.BaseUri.ToString(), "--rate", "1", "--duration", "1", "--shard", value]
            : ["run", "no-such-script.yml", "--shard", value];

        var exit = await CommandLine.RunAsync(args, output, error);

        exit.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain($"--shard must be i/N with 1 <= i <= N, e.g. 2/4 (was '{value}')");
        server.Requests.Should().Be(0, "nothing is sent on a bad argument");
    }
}
