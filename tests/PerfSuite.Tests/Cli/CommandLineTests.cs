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
    [InlineData("compare -h")]
    [InlineData("run -?")]
    public async Task Help_on_every_command_exits_0_and_prints_a_usage_line(string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(commandLine.Split(' '), output, error);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("Usage:").And.Contain(ExitCodes.Table);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("load --version")]
    [InlineData("run --version")]
    [InlineData("compare --version")]
    public async Task Version_on_every_command_exits_0_and_prints_a_version(string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(commandLine.Split(' '), output, error);

        exit.Should().Be(0, error.ToString());
        output.ToString().Trim().Should().MatchRegex(@"^\d+\.\d+");
    }

    [Fact]
    public async Task A_response_file_gives_the_arguments_and_their_errors_are_named_as_on_the_command_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"perfsuite-{Guid.NewGuid():N}.rsp");
        await File.WriteAllLinesAsync(file, ["--url http://127.0.0.1:9/", "--rate=-1", "-d 1"], TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            var exit = await CommandLine.RunAsync(["load", $"@{file}"], output, error);

            exit.Should().Be(ExitCodes.BadInput);
            error.ToString().Should().StartWith("load: --rate must be a number > 0 (was '-1')");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task No_command_prints_the_overview_of_every_command_to_stderr_and_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync([], output, error);

        exit.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain("perfsuite: a command is required").And.Contain("  load ").And.Contain("  run ").And.Contain("  compare ");
        output.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("bogus", "perfsuite: unknown command 'bogus'")]
    [InlineData("serve", "perfsuite: unknown command 'serve'")]
    [InlineData("socketio-hold --connections 1", "perfsuite: unknown command 'socketio-hold'")]
    [InlineData("load --rate 1", "load: --url is required")]
    [InlineData("load --url=http://127.0.0.1:1/ -r 1 -d x", "load: --duration must be a number > 0 (was 'x')")]
    [InlineData("run a.yml -t", "run: --target needs a value")]
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

        exit.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain(message);
    }
}
