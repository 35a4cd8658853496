using PerfSuite.Hosting.Comparison;
using PerfSuite.Lab;
using PerfSuite.Lab.Compare;

namespace PerfSuite.Tests.Lab.Compare;

public sealed class CompareCommandParserTests
{
    public static TheoryData<string, string> InvalidArguments => new()
    {
        { "", "a baseline is required: --base-ref REF, --baseline-image IMAGE, or --baseline-report PATH (or PERF_BASELINE)" },
        { "--base-ref main --baseline-image queue:1", "--base-ref ('main') and --baseline-image ('queue:1') exclude each other: give one baseline" },
        { "--base-ref main --verbose", "unknown argument '--verbose' (valid: --base-ref, --baseline-image, --baseline-report, --candidate-image, --scenario, --profile, --rounds, --round-seconds, --rate, --mode, --repo, --out, --budgets, --seed)" },
        { "--base-ref", "--base-ref needs a value" },
        { "--base-ref main --base-ref dev", "--base-ref given more than once ('main' and 'dev')" },
        { "--base-ref main --rounds 2", "--rounds must be a whole number >= 3 (was '2')" },
        { "--base-ref main --rounds six", "--rounds must be a whole number >= 3 (was 'six')" },
        { "--base-ref main --round-seconds 0", "--round-seconds must be a number > 0 (was '0')" },
        { "--base-ref main --round-seconds -5", "--round-seconds must be a number > 0 (was '-5')" },
        { "--base-ref main --round-seconds=-5", "--round-seconds must be a number > 0 (was '-5')" },
        { "--base-ref main --rate NaN", "--rate must be a number > 0 (was 'NaN')" },
        { "--base-ref main --mode parallel", "--mode must be abba or duet (was 'parallel')" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void Invalid_arguments_are_refused_naming_the_argument_and_its_value(string commandLine, string expectedError)
    {
        var (arguments, error) = Parse(Split(commandLine), perfBaseline: null);

        arguments.Should().BeNull();
        error.Should().Be(expectedError);
    }

    [Fact]
    public void Defaults_are_six_duet_rounds_of_six_seconds_of_the_login_scenario_at_smoke()
    {
        var (arguments, _) = Parse(["--base-ref", "main"], perfBaseline: null);

        arguments.Should().Be(new CompareArguments("csr-login-load-data-idle", "smoke", 6, TimeSpan.FromSeconds(6), CompareMode.Duet) { BaseRef = "main" });
    }

    [Fact]
    public void PERF_BASELINE_is_the_stored_baseline_when_no_other_baseline_is_given()
    {
        var (arguments, _) = Parse(["--rounds=4", "--mode", "abba"], perfBaseline: "artifacts/perf/run-1");

        arguments!.BaselineReport.Should().Be("artifacts/perf/run-1");
        arguments.Rounds.Should().Be(4);
        arguments.Mode.Should().Be(CompareMode.Abba);
    }

    [Fact]
    public void PERF_BASELINE_and_a_base_ref_exclude_each_other()
    {
        var (_, error) = Parse(["--base-ref", "main"], perfBaseline: "report.json");

        error.Should().Be("--base-ref ('main') and --baseline-report ('report.json') exclude each other: give one baseline");
    }

    private static (CompareArguments? Arguments, string? Error) Parse(string[] args, string? perfBaseline) =>
        CompareCommand.Bind(LabCommandLine.Root.Parse(["compare", .. args]), perfBaseline);

    private static string[] Split(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
