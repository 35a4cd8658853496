using PerfSuite.Engine.Auth;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Hosting.Settings;

/// <summary>Chooses how virtual users authenticate, from the settings and the target.</summary>
public static class TokenProviders
{
    /// <summary>
    /// <c>PERF_TOKEN</c> when set; else the OIDC password grant from <c>PERF_TOKEN_URL</c>/<c>PERF_CLIENT_ID</c>/<c>PERF_USERNAME</c>/<c>PERF_PASSWORD</c>;
    /// else the target's own default (<see cref="ITarget.CreateDefaultTokenProvider"/>, e.g. a login a suite gave its own server);
    /// else no credentials (<see cref="NoTokenProvider"/>).
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="target">The started target.</param>
    /// <returns>The provider; dispose it when it is <see cref="IDisposable"/>.</returns>
    public static ITokenProvider Create(PerfSettings settings, ITarget target)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(target);
        if (settings.Token is { } token)
        {
            return StaticTokenProvider.FromValue(token);
        }

        if (settings.Oidc is { } oidc)
        {
            return new OidcPasswordGrantTokenProvider(oidc.TokenUrl, oidc.ClientId, [new UserCredentials(oidc.Username, oidc.Password)]);
        }

        return target.CreateDefaultTokenProvider() ?? NoTokenProvider.Instance;
    }
}
