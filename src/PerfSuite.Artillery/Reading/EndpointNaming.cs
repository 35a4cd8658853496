namespace PerfSuite.Artillery.Reading;

/// <summary>
/// Endpoint names as the metrics-by-endpoint plugin forms them: a request's <c>name</c> after its path
/// (<c>GET /dino/{x} (GET /dino)</c>), or alone with <c>useOnlyRequestNames</c>; <c>stripQueryString</c> leaves the query
/// out of the path. PerfSuite names by path template, where the plugin names by the URL each request was sent to.
/// </summary>
/// <param name="UseOnlyRequestNames">From <c>config.plugins.metrics-by-endpoint.useOnlyRequestNames</c>.</param>
/// <param name="StripQueryString">From <c>config.plugins.metrics-by-endpoint.stripQueryString</c>.</param>
internal sealed record EndpointNaming(bool UseOnlyRequestNames, bool StripQueryString)
{
    /// <summary>The endpoint name of a request, or <c>null</c> for the engine's default (<c>METHOD path</c>).</summary>
    public string? Name(string method, string path, string? requestName)
    {
        var shown = StripQueryString && path.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? path[..query] : path;
        return requestName switch
        {
            { Length: > 0 } when UseOnlyRequestNames => requestName,
            { Length: > 0 } => $"{method} {shown} ({requestName})",
            _ => shown == path ? null : $"{method} {shown}",
        };
    }
}
