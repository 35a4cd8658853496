using PerfSuite.Cli;
using PerfSuite.Cli.Load;

namespace PerfSuite.Tests.Cli.Load;

/// <summary><c>perfsuite load</c>'s arguments through the tool's one parser (System.CommandLine) and <see cref="LoadCommand.Bind"/>.</summary>
public sealed class LoadCommandParserTests
{
    private const string Url = "http://127.0.0.1:8080/index.html";

    public static TheoryData<string, string> InvalidArguments => new()
    {
        { $"--url {Url} --vus 10 --duration 5 --verbose", "unknown argument '--verbose' (valid: --url, --vus, --rate, --max-vusers, --duration, --timeout-ms, --max-sockets, --header, --token-env, --max-error-rate, --p95-ms, --p99-ms, --report-dir, --allow-remote, --shard, --no-live)" },
        { $"--url {Url} --vus 10 --duration", "--duration needs a value" },
        { $"--url {Url} --vus 10 --duration 5 --header X-Trace", "--header must be \"Name: value\" (was 'X-Trace')" },
        { $"--url {Url} --vus 10 --duration 5 --header :1", "--header must be \"Name: value\" (was ':1')" },
        { $"--url {Url} --vus 10 --duration 5 --token-env 1TOKEN", "--token-env must name an environment variable (letters, digits, '_') (was '1TOKEN')" },
        { $"--url {Url} --vus 10 --duration 5 --token-env A --token-env B", "--token-env given more than once ('A' and 'B')" },
        { "--url --vus 10 --duration 5", "--url needs a value" },
        { "--vus 10 --duration 5", "--url is required (was missing): the http(s) URL to GET, on a loopback host (127.0.0.1, localhost or [::1])" },
        { $"--url {Url} --vus 10", "--duration is required" },
        { $"--url {Url} --vus ten --duration 5", "--vus must be a whole number >= 1 (was 'ten')" },
        { $"--url {Url} --vus 0 --duration 5", "--vus must be a whole number >= 1 (was '0')" },
        { $"--url {Url} -u 2.5 --duration 5", "--vus must be a whole number >= 1 (was '2.5')" },
        { $"--url {Url} --rate abc --duration 5", "--rate must be a number > 0 (was 'abc')" },
        { $"--url {Url} --rate 10 --duration 0", "--duration must be a number > 0 (was '0')" },
        { $"--url {Url} --rate 10 --duration -3", "--duration must be a number > 0 (was '-3')" },
        { $"--url {Url} --rate 10 -d=-3", "--duration must be a number > 0 (was '-3')" },
        { $"--url {Url} --rate 10 --duration 5 --timeout-ms 0", "--timeout-ms must be a number > 0 (was '0')" },
        { $"--url {Url} --vus 10 --rate 5 --duration 5", "--vus (10) and --rate (5) exclude each other: give one" },
        { $"--url {Url} --duration 5", "one of --vus (closed model) or --rate (open model) is required" },
        { $"--url {Url} --vus 10 --max-vusers 5 --duration 5", "--max-vusers (5) applies only with --rate" },
        { $"--url {Url} --vus 10 --vus 20 --duration 5", "--vus given more than once ('10' and '20')" },
        { "--url ftp://127.0.0.1/x --vus 1 --duration 5", "--url must be an absolute http:// or https:// URL (was 'ftp://127.0.0.1/x')" },
        { "--url /index.html --vus 1 --duration 5", "--url must be an absolute http:// or https:// URL (was '/index.html')" },
        { "--url http://example.com/ --vus 1 --duration 5", "--url must point at a loopback host (127.0.0.1, localhost or [::1]) (was 'http://example.com/'); for a server you own elsewhere, add --allow-remote (or PERF_ALLOW_REMOTE=1)" },
        { "--url http://10.0.0.5:80/ --vus 1 --duration 5", "--url must point at a loopback host (127.0.0.1, localhost or [::1]) (was 'http://10.0.0.5:80/'); for a server you own elsewhere, add --allow-remote (or PERF_ALLOW_REMOTE=1)" },
        { "--url http://192.168.1.2/ --vus 1 --duration 5", "--url must point at a loopback host (127.0.0.1, localhost or [::1]) (was 'http://192.168.1.2/'); for a server you own elsewhere, add --allow-remote (or PERF_ALLOW_REMOTE=1)" },
    };

    private static readonly Dictionary<string, LoadCommandArguments> Valid = new()
    {
        [$"--url {Url} --vus 50 --duration 10"] =
            new(new Uri(Url), 50, null, null, TimeSpan.FromSeconds(10), LoadCommandArguments.DefaultRequestTimeout, 3),
        ["--url=http://localhost:5000/api/v1/healthz --rate=12.5 --max-vusers=40 --duration=2.5 --timeout-ms=250"] =
            new(new Uri("http://localhost:5000/api/v1/healthz"), null, 12.5, 40, TimeSpan.FromSeconds(2.5), TimeSpan.FromMilliseconds(250), 3),
        ["-d 1 --max-sockets 1 -u 1 --url http://[::1]:9000/"] =
            new(new Uri("http://[::1]:9000/"), 1, null, null, TimeSpan.FromSeconds(1), LoadCommandArguments.DefaultRequestTimeout, 1),
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void Invalid_arguments_are_refused_with_a_message_naming_the_argument_and_value(string commandLine, string expectedError)
    {
        var args = commandLine.Split(' ');

        var (arguments, error) = Parse(args);

        arguments.Should().BeNull();
        error.Should().Be(expectedError);
    }

    public static TheoryData<string> ValidCommandLines => [.. Valid.Keys];

    [Theory]
    [MemberData(nameof(ValidCommandLines))]
    public void Valid_arguments_parse_into_the_expected_model(string commandLine)
    {
        var expected = Valid[commandLine];
        var args = commandLine.Split(' ');

        var (arguments, error) = Parse(args);

        error.Should().BeNull();
        arguments.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Headers_may_repeat_and_keep_their_order_and_the_token_variable_is_kept_by_name()
    {
        string[] args = ["--url", Url, "--vus", "1", "--duration", "1", "--header", "X-A: 1", "--header=X-B:two words", "-H", "X-C: 3", "--token-env", "PERF_TOKEN"];

        var (arguments, error) = Parse(args);

        error.Should().BeNull();
        arguments!.Headers.Should().Equal(new KeyValuePair<string, string>("X-A", "1"), new KeyValuePair<string, string>("X-B", "two words"), new KeyValuePair<string, string>("X-C", "3"));
        arguments.TokenVariable.Should().Be("PERF_TOKEN");
    }

    [Theory]
    [InlineData("--allow-remote", null)]
    [InlineData("", "1")]
    public void A_remote_url_is_accepted_with_the_same_opt_in_as_run(string flag, string? allowRemoteVariable)
    {
        string[] args = ["--url", "http://203.0.113.7:8080/", "--rate", "1", "--duration", "1", .. flag.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

        var (arguments, error) = Parse(args, name => name == "PERF_ALLOW_REMOTE" ? allowRemoteVariable : null);

        error.Should().BeNull();
        arguments!.Url.Should().Be(new Uri("http://203.0.113.7:8080/"));
    }

    private static (LoadCommandArguments? Arguments, string? Error) Parse(string[] args, Func<string, string?>? environment = null) =>
        LoadCommand.Bind(CommandLine.Root.Parse(["load", .. args]), environment ?? (_ => null));
}
