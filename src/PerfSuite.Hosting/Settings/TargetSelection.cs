using System.Net;

namespace PerfSuite.Hosting.Settings;

/// <summary>
/// Decides where load goes (<c>PERF_TARGET</c>): unset means the embedded reference API on loopback; a URL means an
/// existing deployment, which must be on loopback unless <c>PERF_ALLOW_REMOTE=1</c>, so nobody load-tests production
/// by accident.
/// </summary>
public static class TargetSelection
{
    /// <summary>The environment variable holding the target's URL.</summary>
    public const string TargetVariable = "PERF_TARGET";

    /// <summary>The environment variable that allows a target (or token endpoint) off this machine when it is <c>1</c> or <c>true</c>.</summary>
    public const string AllowRemoteVariable = "PERF_ALLOW_REMOTE";

    /// <summary>True for <c>1</c>, <c>true</c> or <c>yes</c> (any case); false when unset or anything else.</summary>
    /// <param name="value">The value of <see cref="AllowRemoteVariable"/>.</param>
    /// <returns>Whether remote targets are allowed.</returns>
    public static bool IsAllowRemote(string? value) =>
        value?.Trim().ToUpperInvariant() is "1" or "TRUE" or "YES";

    /// <summary>True when <paramref name="uri"/> addresses this machine: <c>localhost</c> or a loopback IP (127.0.0.0/8, ::1).</summary>
    /// <param name="uri">An absolute URL.</param>
    /// <returns>Whether it is a loopback address.</returns>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback
            || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Parses <c>PERF_TARGET</c>.</summary>
    /// <param name="target">The variable's value; <c>null</c> or blank selects the embedded API.</param>
    /// <param name="allowRemote">Whether a non-loopback target is allowed (<see cref="IsAllowRemote"/>).</param>
    /// <returns>The target's URL, or <c>null</c> for the embedded reference API.</returns>
    /// <exception cref="ArgumentException">Not an absolute http(s) URL, or not on loopback without <c>PERF_ALLOW_REMOTE=1</c>.</exception>
    public static Uri? Parse(string? target, bool allowRemote)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        var uri = ParseUrl(TargetVariable, target);
        EnsureAllowed(TargetVariable, uri, allowRemote);
        return uri;
    }

    /// <summary>Parses an absolute http(s) URL held by an environment variable.</summary>
    /// <param name="variable">Variable name for the message.</param>
    /// <param name="value">The value.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="ArgumentException">The value is not an absolute http or https URL.</exception>
    public static Uri ParseUrl(string variable, string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{variable}='{value}' is not an absolute http or https URL (e.g. https://queue.example.org).", nameof(value));
        }

        return uri;
    }

    /// <summary>Refuses a URL off this machine unless remote targets are allowed.</summary>
    /// <param name="variable">Variable name for the message.</param>
    /// <param name="uri">The URL.</param>
    /// <param name="allowRemote">Whether remote targets are allowed.</param>
    /// <exception cref="ArgumentException">The URL is not on loopback and <paramref name="allowRemote"/> is false.</exception>
    public static void EnsureAllowed(string variable, Uri uri, bool allowRemote)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!allowRemote && !IsLoopback(uri))
        {
            throw new ArgumentException(
                $"{variable}='{uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)}' is not on this machine: refusing to send load to a remote server. "
                + $"Valid without {AllowRemoteVariable}=1: a loopback host (127.0.0.1, localhost or [::1]). "
                + $"If a remote server is really meant (a staging deployment you own), set {AllowRemoteVariable}=1.",
                nameof(uri));
        }
    }
}
