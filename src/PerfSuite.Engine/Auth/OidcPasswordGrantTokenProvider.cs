using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace PerfSuite.Engine.Auth;

/// <summary>
/// Fetches tokens with the OIDC resource-owner password grant (form POST
/// <c>grant_type=password&amp;username=..&amp;password=..&amp;client_id=..</c>, response
/// <c>{"access_token","token_type","expires_in"}</c>). Virtual user n uses account n modulo the number of accounts.
/// Each account's token is cached until <see cref="RefreshBefore"/> before it expires; one fetch at a time per account.
/// </summary>
public sealed class OidcPasswordGrantTokenProvider : ITokenProvider, IDisposable
{
    private readonly Uri _tokenUrl;
    private readonly string _clientId;
    private readonly IReadOnlyList<UserCredentials> _users;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly CachedToken[] _cache;
    private int _fetches;

    /// <summary>Creates the provider.</summary>
    /// <param name="tokenUrl">Absolute token endpoint, e.g. <c>http://127.0.0.1:5000/api/v1/auth/token</c>.</param>
    /// <param name="clientId">OIDC client id, e.g. <c>queue-web</c>.</param>
    /// <param name="users">One or more accounts.</param>
    /// <param name="handler">Transport for token requests; default a new <see cref="SocketsHttpHandler"/> owned by the provider.</param>
    /// <param name="timeProvider">Clock for expiry; default the system clock.</param>
    public OidcPasswordGrantTokenProvider(
        Uri tokenUrl,
        string clientId,
        IReadOnlyList<UserCredentials> users,
        HttpMessageHandler? handler = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0)
        {
            throw new ArgumentException("At least one account is needed.", nameof(users));
        }

        _tokenUrl = tokenUrl;
        _clientId = clientId;
        _users = users;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseCookies = false }, disposeHandler: handler is null)
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _time = timeProvider ?? TimeProvider.System;
        _cache = users.Select(_ => new CachedToken()).ToArray();
    }

    /// <summary>How long before expiry a cached token is replaced; default 30 s (half the lifetime for shorter tokens).</summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Token requests sent so far (to see the cache working).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The token endpoint refused or gave no token; the message names the user and status only.</exception>
    public async ValueTask<string?> GetTokenAsync(int virtualUser, CancellationToken cancellationToken)
    {
        var slot = (int)((uint)virtualUser % (uint)_users.Count);
        var cached = _cache[slot];
        if (cached.TryGet(_time.GetUtcNow()) is { } fresh)
        {
            return fresh;
        }

        await cached.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (cached.TryGet(_time.GetUtcNow()) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var (token, lifetime) = await FetchAsync(_users[slot], cancellationToken).ConfigureAwait(false);
            var margin = lifetime < RefreshBefore * 2 ? lifetime / 2 : RefreshBefore;
            cached.Set(token, _time.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            cached.Gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        foreach (var cached in _cache)
        {
            cached.Gate.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"OIDC password grant at {UrlRedaction.Redact(_tokenUrl)} for {_users.Count} account(s), client '{_clientId}'";

    private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(UserCredentials user, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "password"),
            new("username", user.Username),
            new("password", user.Password),
            new("client_id", _clientId),
        ]);
        using var response = await _http.PostAsync(_tokenUrl, form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request for user '{user.Username}' at {UrlRedaction.Redact(_tokenUrl)} failed with status {(int)response.StatusCode}.");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body?.AccessToken))
        {
            throw new InvalidOperationException($"Token response for user '{user.Username}' at {UrlRedaction.Redact(_tokenUrl)} has no access_token.");
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 300);
        return (body.AccessToken, lifetime);
    }

    private sealed class CachedToken
    {
        // A reference swap, so readers never see a token paired with another token's expiry.
        private volatile Entry? _value;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? TryGet(DateTimeOffset now) =>
            _value is { } value && now < value.RefreshAt ? value.Token : null;

        public void Set(string token, DateTimeOffset refreshAt) => _value = new Entry(token, refreshAt);

        public override string ToString() => "cached token (redacted)";

        private sealed record Entry(string Token, DateTimeOffset RefreshAt)
        {
            public override string ToString() => $"Entry {{ Token = (redacted), RefreshAt = {RefreshAt:O} }}";
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] double? ExpiresIn)
    {
        public override string ToString() => $"TokenResponse {{ AccessToken = (redacted), TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
    }
}
