using PerfSuite.Cli;

namespace PerfSuite.Tests.Cli;

/// <summary>The <c>perfsuite</c> dispatcher: help everywhere, exit 2 naming what is wrong, no lab command in the product tool.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("load --help")]
    [InlineData("load -h")]
    [InlineData("run --help")]
    [InlineData("compare --help")]
    public async Task Help_on_every_command_exits_0_and_prints_a_usage_line(string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(commandLine.Split(' '), output, error);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("usage:");
    }

    [Theory]
    [InlineData("bogus", "perfsuite: unknown command 'bogus'")]
    [InlineData("serve", "perfsuite: unknown command 'serve'")]
    [InlineData("socketio-hold --connections 1", "perfsuite: unknown command 'socketio-hold'")]
    [InlineData("load --rate 1", "load: --url is required")]
    [InlineData("compare --baseline http://127.0.0.1:1", "compare: --scenarios ASSEMBLY is required")]
    [InlineData("compare --scenarios a.dll --candidate http://127.0.0.1:1", "compare: a baseline is required: --baseline URL or --baseline-image IMAGE")]
    [InlineData("compare --scenarios a.dll --baseline http://127.0.0.1:1 --baseline-image x:1 --candidate http://127.0.0.1:2", "compare: --baseline ('http://127.0.0.1:1') and --baseline-image ('x:1') exclude each other")]
    [InlineData("compare --scenarios a.dll --baseline https://prod.example.org --candidate http://127.0.0.1:2", "compare: --baseline='https://prod.example.org' is not on this machine")]
    [InlineData("compare --scenarios a.dll --baseline http://127.0.0.1:1 --candidate http://127.0.0.1:2 --rounds 2", "compare: --rounds must be a whole number >= 3 (was '2')")]
    [InlineData("compare --scenarios no-such.dll --baseline http://127.0.0.1:1 --candidate http://127.0.0.1:2", "compare: --scenarios 'no-such.dll': no such file")]
    public async Task A_bad_command_or_argument_exits_2_and_names_it(string commandLine, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(commandLine.Split(' '), output, error);

        exit.Should().Be(CommandLine.InvalidArguments);
        error.ToString().Should().Contain(message);
    }
}
