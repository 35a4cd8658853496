using PerfSuite.Cli;
using PerfSuite.Hosting.Settings;
using PerfSuite.Lab;
using PerfSuite.Lab.Compare;

namespace PerfSuite.Tests.Lab.Compare;

public sealed class CompareCommandTests
{
    private static readonly string Repository = ArtifactPaths.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("tests run inside the repository");

    public static TheoryData<string, string> BadInputs => new()
    {
        { "--base-ref no-such-branch-xyz", "--base-ref 'no-such-branch-xyz': names no commit in" },
        { "--base-ref HEAD --scenario csr-nothing", "--scenario: Unknown scenario 'csr-nothing'; known scenarios:" },
        { "--base-ref HEAD --profile soak", "--profile: Unknown load profile 'soak'; valid profiles: smoke, seed-load, stress." },
        { "--baseline-image queue-api:old", "--baseline-image 'queue-api:old': container target not available in this build" },
        { "--base-ref HEAD --candidate-image queue-api:new", "--candidate-image 'queue-api:new': container target not available in this build" },
        { "--baseline-report /no/such/report.json", "--baseline-report / PERF_BASELINE '/no/such/report.json': PERF_BASELINE: no such file or folder" },
        { "--base-ref HEAD --budgets /no/such/budgets.json", "--budgets '/no/such/budgets.json': /no/such/budgets.json: file not found" },
        { "--base-ref HEAD --rounds 1", "--rounds must be a whole number >= 3 (was '1')" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_input_exits_2_naming_it_before_any_server_starts(string commandLine, string expected)
    {
        var spy = new SpyCompareServers();
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = [.. commandLine.Split(' '), "--repo", Repository, "--out", Path.Combine(Path.GetTempPath(), "compare-bad-input")];

        var code = await CompareCommand.RunAsync(Parse(args), null, spy.Servers(withImages: false), output, error, TestContext.Current.CancellationToken);

        code.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain(expected);
        spy.Requested.Should().BeEmpty();
    }

    [Fact]
    public async Task A_repository_without_the_reference_API_is_named()
    {
        var spy = new SpyCompareServers();
        using var error = new StringWriter();
        var folder = Directory.CreateTempSubdirectory("compare-not-a-repo").FullName;

        var code = await CompareCommand.RunAsync(Parse(["--base-ref", "HEAD", "--repo", folder]), null, spy.Servers(false), TextWriter.Null, error, TestContext.Current.CancellationToken);

        code.Should().Be(ExitCodes.BadInput);
        error.ToString().Should().Contain($"--repo '{folder}': the working tree has no targets/queue-api/wsgi.py");
        spy.Requested.Should().BeEmpty();
    }

    [Fact]
    public async Task An_image_that_does_not_exist_locally_exits_3_the_target_did_not_answer_naming_the_image()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["--baseline-image", "perfsuite-no-such-image:none", "--candidate-image", "perfsuite-no-such-image:none", "--repo", Repository,
            "--out", Path.Combine(Path.GetTempPath(), "compare-missing-image")];

        var code = await CompareCommand.RunAsync(Parse(args), null, CompareServers.Default, output, error, TestContext.Current.CancellationToken);

        code.Should().Be(ExitCodes.TargetUnavailable, "an image that cannot be started is a target that does not answer");
        error.ToString().Should().Contain("perfsuite-no-such-image:none");
    }

    private static System.CommandLine.ParseResult Parse(string[] args) => LabCommandLine.Root.Parse(["compare", .. args]);
}
