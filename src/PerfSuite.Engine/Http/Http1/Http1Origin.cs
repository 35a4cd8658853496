using System.Net;
using System.Runtime.CompilerServices;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>Where a run's plain-HTTP requests go: the endpoint to connect to and the <c>Host</c> header, worked out once per base URI.</summary>
internal sealed class Http1Origin
{
    private static readonly ConditionalWeakTable<Uri, Http1Origin> Cache = [];

    private Http1Origin(Uri baseUri)
    {
        BaseUri = baseUri;
        var host = baseUri.Host.Trim('[', ']');
        EndPoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, baseUri.Port) : new DnsEndPoint(host, baseUri.Port);
        Host = baseUri.Authority;
    }

    public Uri BaseUri { get; }

    public EndPoint EndPoint { get; }

    /// <summary>The <c>Host</c> header: host, and the port unless it is 80.</summary>
    public string Host { get; }

    /// <summary>The origin of an absolute <c>http://</c> URI; null for anything else (https goes through HttpClient).</summary>
    public static Http1Origin? For(Uri baseUri) =>
        baseUri.IsAbsoluteUri && baseUri.Scheme == Uri.UriSchemeHttp ? Cache.GetValue(baseUri, static uri => new Http1Origin(uri)) : null;

    /// <summary>
    /// The request target of a redirect's <c>Location</c>, when it stays on this origin (scheme, host and port); a redirect
    /// elsewhere is not followed: the engine sends load to the target it was given and nowhere else.
    /// </summary>
    public bool TryRedirect(string currentTarget, string location, out string target)
    {
        target = "";
        if (!Uri.TryCreate(new Uri(BaseUri, currentTarget), location, out var next))
        {
            return false;
        }

        if (next.Scheme != BaseUri.Scheme || !string.Equals(next.Host, BaseUri.Host, StringComparison.OrdinalIgnoreCase) || next.Port != BaseUri.Port)
        {
            return false;
        }

        target = next.PathAndQuery;
        return true;
    }
}
