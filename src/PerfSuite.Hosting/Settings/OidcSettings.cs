namespace PerfSuite.Hosting.Settings;

/// <summary>
/// An OIDC password-grant login from <c>PERF_TOKEN_URL</c>, <c>PERF_CLIENT_ID</c>, <c>PERF_USERNAME</c> and
/// <c>PERF_PASSWORD</c>. Printed forms never show the password.
/// </summary>
/// <param name="TokenUrl">Absolute token endpoint, e.g. <c>https://sso.example.org/realms/x/protocol/openid-connect/token</c>.</param>
/// <param name="ClientId">OIDC client id.</param>
/// <param name="Username">User name.</param>
/// <param name="Password">Password; never printed.</param>
public sealed record OidcSettings(Uri TokenUrl, string ClientId, string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"OIDC password grant at {TokenUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)} as '{Username}' (client '{ClientId}', password redacted)";
}
