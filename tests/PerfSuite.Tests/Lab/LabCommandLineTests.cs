using PerfSuite.Cli;
using PerfSuite.Lab;

namespace PerfSuite.Tests.Lab;

/// <summary>The lab's <c>perfsuite-lab</c> dispatcher: help everywhere, exit 2 naming what is wrong.</summary>
public sealed class LabCommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("serve --help")]
    [InlineData("compare --help")]
    [InlineData("socketio-connect --help")]
    [InlineData("socketio-hold --help")]
    [InlineData("sampler-compare --help")]
    public async Task Help_on_every_command_exits_0_and_prints_a_usage_line(string commandLine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LabCommandLine.RunAsync(commandLine.Split(' '), output, error);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("Usage:");
    }

    [Theory]
    [InlineData("bogus", "perfsuite-lab: unknown command 'bogus'")]
    [InlineData("socketio-connect abc", "socketio-connect: COUNT must be a whole number >= 1 (was 'abc')")]
    [InlineData("socketio-connect 0", "socketio-connect: COUNT must be a whole number >= 1 (was '0')")]
    [InlineData("socketio-connect 5 http://example.com/", "socketio-connect: BASE_URL must be an http(s) URL on a loopback host (was 'http://example.com/')")]
    [InlineData("socketio-connect 5 http://127.0.0.1:1/ extra", "socketio-connect: unknown argument 'extra'")]
    [InlineData("socketio-hold --connections 0", "socketio-hold: --connections must be a whole number 1..10000 (was '0')")]
    [InlineData("socketio-hold --url http://example.com/", "socketio-hold: --url must be an http(s) URL on a loopback host (was 'http://example.com/')")]
    [InlineData("socketio-hold --hold-seconds", "socketio-hold: --hold-seconds needs a value")]
    [InlineData("socketio-hold --bogus 1", "socketio-hold: unknown argument '--bogus'")]
    public async Task A_bad_command_or_argument_exits_2_and_names_it(string commandLine, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LabCommandLine.RunAsync(commandLine.Split(' '), output, error);

        exit.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain(message).And.Contain("usage:");
    }
}
