namespace PerfSuite.Hosting.Targets;

/// <summary>An already running server, addressed by URL (e.g. from <c>PERF_TARGET</c>). Nothing to start or stop.</summary>
public sealed class ExternalTarget : ITarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="baseUri">Absolute http(s) URL of the server.</param>
    public ExternalTarget(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"A target URL must be an absolute http or https URL (was '{baseUri}').", nameof(baseUri));
        }

        if (baseUri.AbsolutePath != "/" || baseUri.Query.Length > 0)
        {
            // Scenario paths are absolute (/api/v1/...), so a path prefix would be silently dropped: refuse it instead.
            throw new ArgumentException($"A target URL must not have a path or query (was '{baseUri}'); give the server's origin, e.g. https://queue.example.org.", nameof(baseUri));
        }

        BaseUri = new Uri(baseUri.GetLeftPart(UriPartial.Authority));
    }

    /// <inheritdoc />
    public Uri BaseUri { get; }

    /// <inheritdoc />
    public int? ProcessId => null;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
