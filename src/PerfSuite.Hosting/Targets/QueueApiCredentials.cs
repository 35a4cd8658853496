namespace PerfSuite.Hosting.Targets;

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

    /// <inheritdoc />
    public override string ToString() => $"{Username} (client {ClientId}, password redacted)";
}
