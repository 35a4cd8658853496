using System.Net;
using PerfSuite.Engine.Auth;
using PerfSuite.Tests.Http;

namespace PerfSuite.Tests.Auth;

public sealed class TokenRedactionTests
{
    private const string Secret = "s3cr3t-value";

    [Fact]
    public void Credentials_print_the_user_but_never_the_password()
    {
        var credentials = new UserCredentials("csr1", Secret);

        var text = $"{credentials} {new[] { credentials }.Single()}";

        text.Should().Contain("csr1").And.NotContain(Secret);
    }

    [Fact]
    public void Static_token_provider_never_prints_its_token()
    {
        var provider = StaticTokenProvider.FromValue(Secret);

        var text = provider.ToString();

        text.Should().NotContain(Secret).And.Contain("redacted");
    }

    [Fact]
    public void Missing_environment_variable_names_the_variable_only()
    {
        var act = () => StaticTokenProvider.FromEnvironment("PERFSUITE_TEST_TOKEN_THAT_IS_NOT_SET");

        act.Should().Throw<InvalidOperationException>().WithMessage("*PERFSUITE_TEST_TOKEN_THAT_IS_NOT_SET*");
    }

    [Fact]
    public async Task Refused_password_grant_names_user_and_status_but_not_the_password()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.Unauthorized, """{"error":"invalid_grant"}"""));
        using var provider = new OidcPasswordGrantTokenProvider(new Uri("http://127.0.0.1:9/token"), "queue-web", [new UserCredentials("csr1", Secret)], spy);

        var act = async () => await provider.GetTokenAsync(0, CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<InvalidOperationException>();
        thrown.Which.Message.Should().Contain("csr1").And.Contain("401").And.NotContain(Secret);
        provider.ToString().Should().NotContain(Secret);
    }
}
