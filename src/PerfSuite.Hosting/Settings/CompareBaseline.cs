namespace PerfSuite.Hosting.Settings;

/// <summary>
/// The baseline a suite compares its target with (<c>PERF_COMPARE_BASELINE</c>): a running server's URL, or a local image
/// started like <c>PERF_TARGET_IMAGE</c> (same port, readiness, environment and network settings).
/// </summary>
/// <param name="Url">The baseline server's URL; <c>null</c> when an image is given.</param>
/// <param name="Image">The baseline image; <c>null</c> when a URL is given.</param>
public sealed record CompareBaseline(Uri? Url, string? Image)
{
    /// <summary>The variable naming the baseline.</summary>
    public const string Variable = "PERF_COMPARE_BASELINE";

    /// <summary>Parses <c>PERF_COMPARE_BASELINE</c>: an http(s) URL (loopback unless remote targets are allowed) or an image reference.</summary>
    /// <param name="value">The variable's value; <c>null</c> when unset.</param>
    /// <param name="allowRemote">Whether a URL off this machine is allowed.</param>
    /// <returns>The baseline, or <c>null</c> when unset.</returns>
    /// <exception cref="ArgumentException">A URL off this machine without the opt-in, or a value that is neither a URL nor an image reference.</exception>
    public static CompareBaseline? Parse(string? value, bool allowRemote)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (value.Contains("://", StringComparison.Ordinal))
        {
            var url = TargetSelection.ParseUrl(Variable, value);
            TargetSelection.EnsureAllowed(Variable, url, allowRemote);
            return new CompareBaseline(url, null);
        }

        return value.Any(char.IsWhiteSpace)
            ? throw new ArgumentException($"{Variable}='{value}' is neither an http(s) URL nor an image reference (e.g. http://127.0.0.1:8081 or myapi:base).", nameof(value))
            : new CompareBaseline(null, value);
    }

    /// <inheritdoc />
    public override string ToString() => Url is not null ? Url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) : $"image {Image}";
}
