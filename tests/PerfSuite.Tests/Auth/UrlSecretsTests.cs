using PerfSuite.Engine.Auth;
using PerfSuite.Hosting.Sessions;
using PerfSuite.Hosting.Settings;
using PerfSuite.Tests.Support;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Auth;

/// <summary>Secrets inside URLs (userinfo, secret-looking query values) never reach a log line or an error message.</summary>
public sealed class UrlSecretsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-secrets-").FullName;

    [Fact]
    public async Task A_failed_token_request_and_the_auth_line_show_the_token_url_without_userinfo_or_client_secret()
    {
        await using var server = new LoopbackHttpServer(_ => new FaultBehaviour(FaultKind.Answer, 500));
        var tokenUrl = new Uri($"http://sso-user:hunter2@127.0.0.1:{server.BaseUri.Port}/token?client_secret=s3cr3t&realm=x");
        using var provider = new OidcPasswordGrantTokenProvider(tokenUrl, "queue-web", [new UserCredentials("csr1", "pw")]);

        var fetch = async () => await provider.GetTokenAsync(0, TestContext.Current.CancellationToken);

        var message = (await fetch.Should().ThrowAsync<Exception>()).Which.Message;
        foreach (var shown in new[] { message, provider.ToString() })
        {
            shown.Should().NotContain("hunter2").And.NotContain("s3cr3t").And.Contain("realm=x").And.Contain("client_secret=***");
        }
    }

    [Fact]
    public async Task The_session_log_shows_a_target_url_without_its_userinfo()
    {
        await using var server = new LoopbackHttpServer(_ => FaultBehaviour.Ok);
        var budgets = Path.Combine(_directory, "budgets.json");
        await File.WriteAllTextAsync(budgets, """{ "version": 1, "scenarios": { "reads": { "smoke": { "error_rate": 0 } } } }""", TestContext.Current.CancellationToken);
        var variables = new Dictionary<string, string>
        {
            ["PERF_TARGET"] = $"http://admin:hunter2@127.0.0.1:{server.BaseUri.Port}", ["PERF_TOKEN"] = "t", ["PERF_ARTIFACTS"] = _directory,
        };
        var settings = PerfSettings.Parse(n => variables.GetValueOrDefault(n), ["smoke"]);
        var lines = new List<string>();

        await using var session = await LoadTestSession.StartAsync(new LoadTestSessionOptions(settings, ["reads"]) { BudgetsFile = budgets }, lines.Add, TestContext.Current.CancellationToken);

        lines.Should().Contain(l => l.StartsWith("target: ", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("hunter2", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
