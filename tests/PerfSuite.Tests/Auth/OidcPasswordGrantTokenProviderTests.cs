using System.Net;
using PerfSuite.Engine.Auth;
using PerfSuite.Tests.Http;
using PerfSuite.Tests.Load;

namespace PerfSuite.Tests.Auth;

/// <summary>Caching and form encoding against a spy token endpoint; the real reference API is used in QueueApiAuthTests.</summary>
public sealed class OidcPasswordGrantTokenProviderTests
{
    private static readonly Uri TokenUrl = new("http://127.0.0.1:9/api/v1/auth/token");

    [Fact]
    public async Task Concurrent_requests_for_one_user_fetch_the_token_once()
    {
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, """{"access_token":"abc","token_type":"Bearer","expires_in":300}"""));
        using var provider = new OidcPasswordGrantTokenProvider(TokenUrl, "queue-web", [new UserCredentials("csr1", "csr1-password")], spy);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetTokenAsync(0, CancellationToken.None).AsTask()));

        tokens.Should().OnlyContain(t => t == "abc");
        provider.Fetches.Should().Be(1);
        spy.Requests.Single().Body.Should().Be("grant_type=password&username=csr1&password=csr1-password&client_id=queue-web");
    }

    [Fact]
    public async Task A_token_is_fetched_again_shortly_before_it_expires()
    {
        var time = new FakeTimeProvider();
        var spy = new SpyHttpHandler(_ => (HttpStatusCode.OK, """{"access_token":"abc","token_type":"Bearer","expires_in":300}"""));
        using var provider = new OidcPasswordGrantTokenProvider(TokenUrl, "queue-web", [new UserCredentials("csr1", "pw")], spy, time);

        await provider.GetTokenAsync(0, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(269));
        await provider.GetTokenAsync(0, CancellationToken.None);
        var beforeRefresh = provider.Fetches;
        time.Advance(TimeSpan.FromSeconds(2));
        await provider.GetTokenAsync(0, CancellationToken.None);

        beforeRefresh.Should().Be(1);
        provider.Fetches.Should().Be(2);
    }

    [Fact]
    public async Task Virtual_users_take_accounts_round_robin_with_one_cache_each()
    {
        var spy = new SpyHttpHandler(r => (HttpStatusCode.OK, $$"""{"access_token":"t-{{r.Content!.ReadAsStringAsync().Result.Split('&')[1]}}","expires_in":300}"""));
        using var provider = new OidcPasswordGrantTokenProvider(TokenUrl, "queue-web", [new UserCredentials("a", "1"), new UserCredentials("b", "2")], spy);

        var tokens = new List<string?>();
        for (var user = 0; user < 4; user++)
        {
            tokens.Add(await provider.GetTokenAsync(user, CancellationToken.None));
        }

        tokens.Should().Equal("t-username=a", "t-username=b", "t-username=a", "t-username=b");
        provider.Fetches.Should().Be(2);
    }
}
