namespace PerfSuite.Engine.Auth;

/// <summary>A user name and password for the OIDC password grant. <c>ToString()</c> never shows the password.</summary>
/// <param name="Username">User name, e.g. <c>csr1</c>.</param>
/// <param name="Password">Password; redacted from every printed form.</param>
public sealed record UserCredentials(string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"UserCredentials {{ Username = {Username}, Password = (redacted) }}";
}
