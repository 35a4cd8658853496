using System.Diagnostics;
using PerfSuite.Tests.Cli.Load;
using PerfSuite.Tests.Packaging;

namespace PerfSuite.Tests.Cli.Live;

/// <summary>
/// The real <c>perfsuite</c> as a child process against a loopback server: under a pseudo-terminal (util-linux <c>script</c>)
/// its standard error redraws one status region in place; with standard error redirected it prints only the plain lines.
/// </summary>
[Trait("Category", "Load")]
public sealed class LiveViewAtATerminalTests
{
    private const string Redraw = "\e[3A\r\e[J";
    private const string Script = "/usr/bin/script";

    private static string Tool => Path.Combine(AppContext.BaseDirectory, "perfsuite.dll");

    private static readonly Dictionary<string, string> Terminal = new() { ["TERM"] = "xterm" };

    [Fact]
    public async Task Load_under_a_pseudo_terminal_redraws_one_status_region_in_place_each_second()
    {
        Assert.SkipUnless(File.Exists(Script), "util-linux script is not installed");
        await using var server = new SpyHttpServer();

        var (exit, output) = await UnderTerminalAsync($"dotnet '{Tool}' load --url {server.BaseUri} --rate 20 --duration 3");

        exit.Should().Be(0, output);
        output.Should().Contain(Redraw, "the region is redrawn in place").And.Contain("load " + server.BaseUri + " · phase load · ")
            .And.Contain("launched ").And.Contain("failed 0 of ").And.Contain("\"requests\":60");
        output.Should().NotContain("[load / cli]", "the plain progress line is for redirected output");
    }

    [Fact]
    public async Task Load_under_a_pseudo_terminal_with_no_live_prints_the_plain_line_and_no_escape_sequence_of_the_region()
    {
        Assert.SkipUnless(File.Exists(Script), "util-linux script is not installed");
        await using var server = new SpyHttpServer();

        var (exit, output) = await UnderTerminalAsync($"dotnet '{Tool}' load --url {server.BaseUri} --rate 20 --duration 2 --no-live");

        exit.Should().Be(0, output);
        output.Should().Contain("[load / cli] 2 s: launched 40").And.NotContain("\e[J");
    }

    [Fact]
    public async Task Load_with_standard_error_redirected_prints_only_plain_lines()
    {
        await using var server = new SpyHttpServer();

        var (exit, output) = await ProcessRun.RunAsync(
            "dotnet", [Tool, "load", "--url", server.BaseUri.ToString(), "--rate", "20", "--duration", "2"], AppContext.BaseDirectory, Terminal, TimeSpan.FromMinutes(1));

        exit.Should().Be(0, output);
        output.Should().Contain("[load / cli] 2 s: launched 40").And.NotContain("\e[");
    }

    [Fact]
    public async Task Run_under_a_pseudo_terminal_redraws_the_region_and_writes_its_reports_below_it()
    {
        Assert.SkipUnless(File.Exists(Script), "util-linux script is not installed");
        await using var server = new SpyHttpServer();
        var directory = Directory.CreateTempSubdirectory("perfsuite-live-");
        try
        {
            var script = Path.Combine(directory.FullName, "live.yml");
            await File.WriteAllTextAsync(script, $"""
                config:
                  target: "{server.BaseUri.ToString().TrimEnd('/')}"
                  phases:
                    - duration: 3
                      arrivalRate: 5
                scenarios:
                  - flow:
                      - get:
                          url: "/"
                """, TestContext.Current.CancellationToken);

            var (exit, output) = await UnderTerminalAsync($"dotnet '{Tool}' run '{script}' --report-dir '{Path.Combine(directory.FullName, "reports")}'");

            exit.Should().Be(0, output);
            output.Should().Contain(Redraw).And.Contain("run live · ").And.Contain("run: reports: ");
            output.IndexOf("run: reports: ", StringComparison.Ordinal).Should().BeGreaterThan(output.LastIndexOf(Redraw, StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // script -q (no banner) -f (flush) -e (its exit code is the command's) -c COMMAND, with its own transcript thrown away.
    // Read as raw bytes: a line reader would split at the region's carriage returns.
    private static async Task<(int ExitCode, string Output)> UnderTerminalAsync(string command)
    {
        var start = new ProcessStartInfo(Script)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-qfec", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm";
        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(bound.Token);
            var error = process.StandardError.ReadToEndAsync(bound.Token);
            await process.WaitForExitAsync(bound.Token);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            }
        }
    }
}
