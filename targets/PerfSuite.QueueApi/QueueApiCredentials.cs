using PerfSuite.Engine.Auth;

namespace PerfSuite.QueueApi;

/// <summary>
/// An OIDC password-grant login for the reference queue API. <see cref="ToString"/> never prints the password.
/// </summary>
/// <param name="Username">User name, e.g. <c>csr1</c>.</param>
/// <param name="Password">Password; never printed.</param>
/// <param name="ClientId">OIDC client id, e.g. <c>queue-web</c>.</param>
public sealed record QueueApiCredentials(string Username, string Password, string ClientId)
{
    /// <summary>The reference API's default CSR login (see targets/queue-api/README.md).</summary>
    public static QueueApiCredentials Default { get; } = new("csr1", "csr1-password", "queue-web");

    /// <summary>The token endpoint path, relative to the base URL.</summary>
    public const string TokenPath = "/api/v1/auth/token";

    /// <summary>An OIDC password grant with this login against the reference API's token route at <paramref name="baseUri"/>.</summary>
    /// <param name="baseUri">The server's base URL.</param>
    /// <returns>The provider (dispose it).</returns>
    public ITokenProvider CreateTokenProvider(Uri baseUri) =>
        new OidcPasswordGrantTokenProvider(new Uri(baseUri, TokenPath), ClientId, [new UserCredentials(Username, Password)]);

    /// <inheritdoc />
    public override string ToString() => $"{Username} (client {ClientId}, password redacted)";
}
