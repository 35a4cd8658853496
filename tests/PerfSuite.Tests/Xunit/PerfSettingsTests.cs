using PerfSuite.Hosting.Settings;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class PerfSettingsTests
{
    private static readonly string[] Profiles = ["smoke", "seed-load", "stress"];

    [Fact]
    public void No_variables_give_smoke_against_the_embedded_API_with_default_credentials()
    {
        var settings = PerfSettings.Parse(Variables(), Profiles);

        settings.Profiles.Should().Equal("smoke");
        settings.Target.Should().BeNull();
        settings.Token.Should().BeNull();
        settings.Oidc.Should().BeNull();
        settings.MaxVusers.Should().BeNull();
        settings.RunId.Should().BeNull();
    }

    [Fact]
    public void Every_variable_is_read()
    {
        var settings = PerfSettings.Parse(
            Variables(
                ("PERF_PROFILES", "seed-load,stress"),
                ("PERF_MAX_VUSERS", "300"),
                ("PERF_TARGET", "https://staging.example.org"),
                ("PERF_ALLOW_REMOTE", "1"),
                ("PERF_TOKEN_URL", "https://sso.example.org/token"),
                ("PERF_CLIENT_ID", "queue-web"),
                ("PERF_USERNAME", "csr9"),
                ("PERF_PASSWORD", "pw"),
                ("PERF_ARTIFACTS", "/tmp/a"),
                ("PERF_BUDGETS", "/tmp/b.json"),
                ("PERF_RUN_ID", "nightly-42")),
            Profiles);

        settings.Profiles.Should().Equal("seed-load", "stress");
        settings.MaxVusers.Should().Be(300);
        settings.Target.Should().Be(new Uri("https://staging.example.org"));
        settings.AllowRemote.Should().BeTrue();
        settings.Oidc.Should().Be(new OidcSettings(new Uri("https://sso.example.org/token"), "queue-web", "csr9", "pw"));
        settings.ArtifactsDirectory.Should().Be("/tmp/a");
        settings.BudgetsFile.Should().Be("/tmp/b.json");
        settings.RunId.Should().Be("nightly-42");
    }

    [Theory]
    [InlineData(null, ServerProfileMode.Auto)]
    [InlineData("auto", ServerProfileMode.Auto)]
    [InlineData("OFF", ServerProfileMode.Off)]
    [InlineData("py-spy", ServerProfileMode.PySpy)]
    public void PERF_SERVER_PROFILE_selects_the_profiling_fixtures_mode(string? value, ServerProfileMode expected)
    {
        var settings = PerfSettings.Parse(value is null ? Variables() : Variables(("PERF_SERVER_PROFILE", value)), Profiles);

        settings.ServerProfile.Should().Be(expected);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081", "http://127.0.0.1:8081/", null)]
    [InlineData("myapi:base", null, "myapi:base")]
    public void PERF_COMPARE_BASELINE_is_a_loopback_url_or_an_image(string value, string? url, string? image)
    {
        var settings = PerfSettings.Parse(Variables(("PERF_COMPARE_BASELINE", value), ("PERF_COMPARE_ROUNDS", "4"), ("PERF_COMPARE_ROUND_SECONDS", "2.5")), Profiles);

        settings.CompareBaseline.Should().Be(new CompareBaseline(url is null ? null : new Uri(url), image));
        settings.CompareRounds.Should().Be(4);
        settings.CompareRoundLength.Should().Be(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_naming_its_variable()
    {
        var act = () => PerfSettings.Parse(
            Variables(
                ("PERF_PROFILES", "smoke,turbo"),
                ("PERF_TARGET", "https://prod.example.org"),
                ("PERF_MAX_VUSERS", "lots"),
                ("PERF_RUN_ID", "../escape"),
                ("PERF_TOKEN_URL", "https://sso.example.org/token"),
                ("PERF_PROFILE", "1"),
                ("PERF_SERVER_PROFILE", "always"),
                ("PERF_COMPARE_BASELINE", "https://prod.example.org"),
                ("PERF_PROFILE_PID", "gunicorn")),
            Profiles);

        var problems = act.Should().Throw<PerfSettingsException>().Which.Problems;
        problems.Should().HaveCount(9);
        problems.Should().ContainMatch("PERF_PROFILE='1' is no longer read: set PERF_SERVER_PROFILE=py-spy*PERF_PROFILES picks the load profiles*");
        problems.Should().ContainMatch("PERF_SERVER_PROFILE='always' must be off, auto*py-spy*");
        problems.Should().ContainMatch("PERF_COMPARE_BASELINE='https://prod.example.org'*PERF_ALLOW_REMOTE=1*");
        problems.Should().Contain("PERF_PROFILE_PID='gunicorn' must be a process id (a whole number >= 1).");
        problems.Should().ContainMatch("PERF_PROFILES='smoke,turbo'*'turbo'*");
        problems.Should().ContainMatch("PERF_TARGET='https://prod.example.org'*PERF_ALLOW_REMOTE=1*");
        problems.Should().ContainMatch("PERF_MAX_VUSERS='lots'*");
        problems.Should().ContainMatch("PERF_RUN_ID='../escape'*");
        problems.Should().ContainMatch("*missing: PERF_CLIENT_ID, PERF_USERNAME, PERF_PASSWORD*");
    }

    [Fact]
    public void A_remote_token_endpoint_is_refused_without_PERF_ALLOW_REMOTE()
    {
        var act = () => PerfSettings.Parse(
            Variables(("PERF_TOKEN_URL", "https://sso.example.org/token"), ("PERF_CLIENT_ID", "c"), ("PERF_USERNAME", "u"), ("PERF_PASSWORD", "p")),
            Profiles);

        act.Should().Throw<PerfSettingsException>().Which.Problems.Should().ContainSingle().Which.Should().StartWith("PERF_TOKEN_URL='https://sso.example.org'");
    }

    [Fact]
    public void Printed_settings_never_show_the_token_or_the_password()
    {
        var withToken = PerfSettings.Parse(Variables(("PERF_TOKEN", "eyJ.secret-token")), Profiles);
        var withLogin = PerfSettings.Parse(
            Variables(("PERF_TOKEN_URL", "http://127.0.0.1:9/token"), ("PERF_CLIENT_ID", "c"), ("PERF_USERNAME", "csr1"), ("PERF_PASSWORD", "hunter2")),
            Profiles);

        var printed = withToken.ToString() + withLogin + withLogin.Oidc;

        printed.Should().NotContain("secret-token").And.NotContain("hunter2").And.Contain("redacted").And.Contain("csr1");
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
