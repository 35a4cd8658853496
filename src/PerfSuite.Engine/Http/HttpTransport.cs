namespace PerfSuite.Engine.Http;

/// <summary>How the built-in HTTP steps send requests (see <see cref="Load.LoadRunOptions.HttpTransport"/>).</summary>
public enum HttpTransport
{
    /// <summary>
    /// The engine's own HTTP/1.1 client for <c>http://</c> targets: one keep-alive connection per virtual user, no hidden
    /// retries, a fraction of HttpClient's CPU per request (docs/benchmarks.md). <c>https://</c> targets use <see cref="HttpClient"/>.
    /// </summary>
    Lean,

    /// <summary>A <see cref="System.Net.Http.SocketsHttpHandler"/> per virtual user (HTTPS, HTTP/2, proxies, decompression).</summary>
    HttpClient,
}
