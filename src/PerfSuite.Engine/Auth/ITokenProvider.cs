namespace PerfSuite.Engine.Auth;

/// <summary>
/// Gives the access token a virtual user sends (<c>Authorization: Bearer</c> for HTTP, <c>oidc-jwt</c> cookie for
/// Socket.IO). Implementations are thread-safe and never put a token in an exception message or <c>ToString()</c>.
/// </summary>
public interface ITokenProvider
{
    /// <summary>The token for a virtual user, or <c>null</c> to send none.</summary>
    /// <param name="virtualUser">0-based number of the virtual user; providers with several accounts pick one from it.</param>
    /// <param name="cancellationToken">Cancels the wait (for a fetch in progress too).</param>
    ValueTask<string?> GetTokenAsync(int virtualUser, CancellationToken cancellationToken);
}
