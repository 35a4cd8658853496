using PerfSuite.Engine.Auth;
using PerfSuite.Hosting.Settings;
using PerfSuite.Hosting.Targets;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class TokenProvidersTests
{
    private static readonly ExternalTarget Deployment = new(new Uri("http://127.0.0.1:5999"));

    [Fact]
    public async Task PERF_TOKEN_is_sent_as_it_is()
    {
        var settings = new PerfSettings { Target = Deployment.BaseUri, Token = "static-token" };

        var provider = TokenProviders.Create(settings, Deployment);

        provider.Should().BeOfType<StaticTokenProvider>();
        (await provider.GetTokenAsync(3, TestContext.Current.CancellationToken)).Should().Be("static-token");
        provider.ToString().Should().NotContain("static-token");
    }

    [Fact]
    public void The_password_grant_settings_give_an_OIDC_provider_for_that_endpoint()
    {
        var settings = new PerfSettings
        {
            Target = Deployment.BaseUri,
            Oidc = new OidcSettings(new Uri("http://127.0.0.1:5999/token"), "queue-web", "csr2", "pw"),
        };

        using var provider = TokenProviders.Create(settings, Deployment) as OidcPasswordGrantTokenProvider;

        provider.Should().NotBeNull();
        provider!.ToString().Should().Contain("http://127.0.0.1:5999/token").And.NotContain("pw");
    }

    [Fact]
    public void An_external_target_without_credentials_gets_no_credentials()
    {
        var settings = new PerfSettings { Target = Deployment.BaseUri };

        var tokens = TokenProviders.Create(settings, Deployment);

        tokens.Should().BeSameAs(NoTokenProvider.Instance, "a team's API without auth needs no override");
    }
}
